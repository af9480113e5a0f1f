package org.qinqing.problems;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The one place that turns exceptions into RFC 9457 responses, for every service that depends on this module. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.toProblem(path(uri)));
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String fields = errors.stream().map(Problem.FieldError::field).distinct().collect(Collectors.joining(", "));
        return respond(new Problem(Problem.typeUri("invalid-input"), "Invalid input", 400,
                "The request has invalid fields: " + fields, path(uri), errors, null));
    }

    /** Also replaces Quarkus' own mapper for this subtype, which answers plain JSON. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        return unreadable(e, uri);
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e, UriInfo uri) {
        String field = e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                ? mapping.getPath().stream()
                        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                        .collect(Collectors.joining(".")).replace(".[", "[")
                : "body";
        String message = e instanceof InvalidFormatException invalid
                ? "'" + invalid.getValue() + "' is not a valid " + describe(invalid.getTargetType())
                : "cannot be read as JSON of the expected shape";
        return respond(new Problem(Problem.typeUri("unreadable-body"), "Unreadable request body", 400,
                "The request body could not be read: " + field + " " + message, path(uri),
                List.of(new Problem.FieldError(field, message)), null));
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return Response.fromResponse(respond(new Problem(Problem.typeUri("unauthorized"), "Unauthorized", 401,
                "A valid bearer token is required", path(uri), null, null)))
                .header("WWW-Authenticate", "Bearer").build();
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return unauthorized(new UnauthorizedException(), uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(new Problem(Problem.typeUri("forbidden"), "Forbidden", 403,
                "Your role may not do this", path(uri), null, null));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type == null ? "HTTP " + status : type.getReasonPhrase();
        return respond(new Problem(Problem.typeUri("http-" + status), title, status, e.getMessage(), path(uri), null, null));
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e, UriInfo uri) {
        if (DatabaseUnavailable.is(e)) {
            // down or restarting: not this request's fault, and the transaction did not commit
            LOG.warnf("database out of reach at %s: %s", path(uri), e.toString());
            return Response.fromResponse(respond(new Problem(Problem.typeUri("database-unavailable"), "Service unavailable",
                    503, "The database is out of reach; nothing was changed. Try again shortly.", path(uri), null, null)))
                    .header("Retry-After", "5").build();
        }
        LOG.error("unexpected error at " + path(uri), e);
        return respond(new Problem(Problem.typeUri("internal"), "Internal error", 500,
                "The request could not be completed; nothing was changed. Try again later.", path(uri), null, null));
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getPath();
    }

    /** {@code submit.request.uscc} → {@code uscc}: the field as the client named it in the body. */
    private static String field(ConstraintViolation<?> violation) {
        List<Path.Node> nodes = StreamSupport.stream(violation.getPropertyPath().spliterator(), false).toList();
        List<String> names = nodes.stream()
                .filter(n -> n.getKind() == jakarta.validation.ElementKind.PROPERTY
                        || n.getKind() == jakarta.validation.ElementKind.CONTAINER_ELEMENT)
                .map(n -> n.getIndex() != null ? n.getName() + "[" + n.getIndex() + "]" : n.getName())
                .filter(n -> n != null)
                .toList();
        if (!names.isEmpty()) {
            return String.join(".", names);
        }
        return nodes.isEmpty() ? "body" : nodes.get(nodes.size() - 1).getName();
    }

    private static String describe(Class<?> type) {
        if (type.isEnum()) {
            return "value; expected one of " + java.util.Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
        }
        return type.getSimpleName();
    }
}
