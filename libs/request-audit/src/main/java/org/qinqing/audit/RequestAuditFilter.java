package org.qinqing.audit;

import io.quarkus.runtime.BlockingOperationControl;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Writes one audit row for every state-changing request (POST, PUT, PATCH, DELETE) that reached a resource,
 * whatever its answer (also 401, 403, 404, 409). Only the path is kept: no query string, no body, no header — and
 * a path parameter that is itself a secret (a rating link's token, a key) is masked.
 */
public class RequestAuditFilter {

    private static final Logger LOG = Logger.getLogger(RequestAuditFilter.class);
    private static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");
    /** Path parameters whose value is a credential. */
    private static final Pattern SECRET_PARAMETER = Pattern.compile("(?i).*(token|secret|key|password).*");
    static final String MASK = "***";
    private static final int MAX_PATH = 1000;
    private static final String HEX = "0123456789ABCDEF";

    private final RequestAuditLog log;
    private final CurrentIdentityAssociation identities;

    public RequestAuditFilter(RequestAuditLog log, CurrentIdentityAssociation identities) {
        this.log = log;
        this.identities = identities;
    }

    @ServerResponseFilter
    public Uni<Void> audit(ContainerRequestContext request, ContainerResponseContext response, UriInfo uri,
            HttpServerRequest http) {
        if (!STATE_CHANGING.contains(request.getMethod())) {
            return Uni.createFrom().voidItem();
        }
        String method = request.getMethod();
        int status = response.getStatus();
        String path = maskedPath(uri);
        String remote = http == null || http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
        // the deferred identity, never the blocking getIdentity(): a refused token is answered on the event loop
        return identities.getDeferredIdentity().onFailure().recoverWithNull().onItem().transformToUni(identity -> {
            AuditEntry entry = entry(identity, method, status, path, remote);
            if (BlockingOperationControl.isBlockingAllowed()) {
                write(entry);
                return Uni.createFrom().voidItem();
            }
            // the event loop must not wait for the database
            return Uni.createFrom().item(entry).emitOn(Infrastructure.getDefaultWorkerPool()).invoke(this::write)
                    .replaceWithVoid();
        });
    }

    private static AuditEntry entry(SecurityIdentity identity, String method, int status, String path, String remote) {
        String userName = null;
        String subject = null;
        List<String> roles = List.of();
        if (identity != null && !identity.isAnonymous()) {
            userName = identity.getPrincipal().getName();
            subject = identity.getPrincipal() instanceof JsonWebToken token ? token.getSubject() : null;
            roles = identity.getRoles().stream().sorted().toList();
        }
        return new AuditEntry(0, Instant.now(Clock.systemUTC()), userName, subject, roles, method, path, status, remote);
    }

    static String maskedPath(UriInfo uri) {
        String path = uri.getPath();
        for (Map.Entry<String, List<String>> parameter : uri.getPathParameters().entrySet()) {
            if (SECRET_PARAMETER.matcher(parameter.getKey()).matches()) {
                for (String value : parameter.getValue()) {
                    if (!value.isEmpty()) {
                        path = path.replace("/" + value, "/" + MASK);
                    }
                }
            }
        }
        path = withControlCharactersEncoded(path);
        return path.length() > MAX_PATH ? path.substring(0, MAX_PATH) : path;
    }

    /**
     * A decoded path may hold control characters ({@code %00} arrives as NUL, which PostgreSQL's text refuses):
     * kept percent-encoded, as the client sent them, so the row is written and shows what was asked.
     */
    static String withControlCharactersEncoded(String path) {
        if (path.chars().noneMatch(Character::isISOControl)) {
            return path;
        }
        StringBuilder encoded = new StringBuilder(path.length() + 8);
        path.chars().forEach(c -> {
            if (Character.isISOControl(c)) {
                if (c > 0x7F) {
                    encoded.append("%C2"); // U+0080–U+009F: the first of their two UTF-8 bytes
                }
                encoded.append('%').append(HEX.charAt((c >> 4) & 0xF)).append(HEX.charAt(c & 0xF));
            } else {
                encoded.append((char) c);
            }
        });
        return encoded.toString();
    }

    private void write(AuditEntry entry) {
        try {
            log.record(entry);
        } catch (RuntimeException e) {
            // the state change has happened; the answer stands, the missing row is an alarm for operations
            LOG.errorf(e, "audit row not written: %s %s -> %d by %s", entry.method(), entry.path(), entry.status(),
                    entry.userName());
        }
    }
}
