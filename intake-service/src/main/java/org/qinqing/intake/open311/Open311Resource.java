package org.qinqing.intake.open311;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.annotation.security.PermitAll;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.qinqing.intake.grievance.Category;
import org.qinqing.intake.grievance.Channel;
import org.qinqing.intake.grievance.EnterpriseSize;
import org.qinqing.intake.grievance.Grievance;
import org.qinqing.intake.grievance.GrievanceService;
import org.qinqing.intake.grievance.GrievanceStatus;
import org.qinqing.intake.grievance.GrievanceSubmission;
import org.qinqing.intake.grievance.Ownership;
import org.qinqing.intake.grievance.SubjectArea;
import org.qinqing.intake.grievance.Urgency;
import org.qinqing.problems.StrictJson;

/**
 * Open311 GeoReport v2 in JSON (PLATFORM.md §5 "Interoperability"), so existing civic-tech clients and dashboards
 * work unchanged: service list and definitions, POST a request with an {@code api_key}, GET requests with the
 * standard filters, GET one request. Anonymous by design; GET shows public fields only.
 */
@Path("/open311/v2")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class Open311Resource {

    static final ZoneOffset CHINA = ZoneOffset.ofHours(8);
    static final Duration MAX_PERIOD = Duration.ofDays(90);
    static final int MAX_REQUESTS = 1000;
    private static final Set<GrievanceStatus> CLOSED = Set.of(GrievanceStatus.CLOSED, GrievanceStatus.REJECTED,
            GrievanceStatus.MERGED, GrievanceStatus.WITHDRAWN);

    private final GrievanceService grievances;
    private final Open311Clients clients;
    private final Validator validator;

    public Open311Resource(GrievanceService grievances, Open311Clients clients, Validator validator) {
        this.grievances = grievances;
        this.clients = clients;
        this.validator = validator;
    }

    /** The spec's error shape: {@code [{code, description}]} with the HTTP status as the code. */
    public record Open311Error(int code, String description) {
    }

    static class Open311Failure extends RuntimeException {
        final int status;
        final List<Open311Error> errors;

        Open311Failure(int status, List<String> descriptions) {
            super(String.join("; ", descriptions));
            this.status = status;
            this.errors = descriptions.stream().map(d -> new Open311Error(status, d)).toList();
        }

        Open311Failure(int status, String description) {
            this(status, List.of(description));
        }
    }

    @ServerExceptionMapper
    public Response open311Failure(Open311Failure failure) {
        return Response.status(failure.status).type(MediaType.APPLICATION_JSON).entity(failure.errors).build();
    }

    public record PostedRequest(@JsonProperty("service_request_id") String serviceRequestId,
            @JsonProperty("service_notice") String serviceNotice, @JsonProperty("account_id") String accountId) {
    }

    /** A request as the public sees it: no tip-offs, no enterprise or person names, no internal notes. */
    public record ServiceRequest(@JsonProperty("service_request_id") String serviceRequestId, String status,
            @JsonProperty("status_notes") String statusNotes, @JsonProperty("service_name") String serviceName,
            @JsonProperty("service_code") String serviceCode, String description,
            @JsonProperty("agency_responsible") String agencyResponsible, @JsonProperty("service_notice") String serviceNotice,
            @JsonProperty("requested_datetime") OffsetDateTime requestedDatetime,
            @JsonProperty("updated_datetime") OffsetDateTime updatedDatetime,
            @JsonProperty("expected_datetime") OffsetDateTime expectedDatetime, String address,
            @JsonProperty("address_id") String addressId, String zipcode, Double lat, @JsonProperty("long") Double longitude,
            @JsonProperty("media_url") String mediaUrl) {

        static ServiceRequest of(Grievance g) {
            boolean closed = CLOSED.contains(g.status);
            return new ServiceRequest(g.trackingNumber, closed ? "closed" : "open", statusNotes(g),
                    Open311Catalog.name(g.category), Open311Catalog.code(g.category), g.title, g.leadDepartmentName, null,
                    time(g.submittedAt), time(g.updatedAt), closed ? null : time(g.replyDueAt), g.address, null, null,
                    g.latitude, g.longitude, null);
        }

        private static String statusNotes(Grievance g) {
            return switch (g.status) {
                case REJECTED -> "不予受理：" + g.rejectionReason;
                case MERGED -> "已并案办理";
                case WITHDRAWN -> "企业已撤回";
                case CLOSED -> g.closedReason == null ? "已办结" : switch (g.closedReason) {
                    case "RATED_SATISFIED" -> "已办结，企业评价满意";
                    case "RATING_WINDOW_EXPIRED" -> "已办结（未评价）";
                    default -> "已办结（督办认定）";
                };
                default -> g.status.name();
            };
        }

        private static OffsetDateTime time(Instant instant) {
            return instant == null ? null : instant.atOffset(CHINA);
        }
    }

    @GET
    @Path("/services.json")
    public List<Open311Catalog.Service> services() {
        return Open311Catalog.services();
    }

    @GET
    @Path("/services/{code}.json")
    public Open311Catalog.Definition service(@PathParam("code") String code) {
        return Open311Catalog.definition(code).orElseThrow(() -> new Open311Failure(404, "service_code " + code + " not found"));
    }

    @POST
    @Path("/requests.json")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response post(MultivaluedMap<String, String> form) {
        Open311Client client = clients.authenticate(form.getFirst("api_key"))
                .orElseThrow(() -> new Open311Failure(403, "api_key missing, unknown or revoked"));
        Category category = Open311Catalog.category(form.getFirst("service_code"))
                .orElseThrow(() -> new Open311Failure(400, "service_code " + form.getFirst("service_code") + " is not one of "
                        + Open311Catalog.CODES.keySet()));
        List<String> problems = new ArrayList<>();
        form.forEach((name, values) -> {
            if (values.stream().anyMatch(StrictJson::hasControlCharacter)) {
                problems.add(name + " contains a control character");
            }
        });
        String contactName = String.join("", nonNull(form.getFirst("last_name")), nonNull(form.getFirst("first_name"))).strip();
        GrievanceSubmission submission = new GrievanceSubmission(attribute(form, "uscc"), attribute(form, "enterprise_name"),
                choice(EnterpriseSize.class, form, "enterprise_size", problems), choice(Ownership.class, form, "ownership", problems),
                attribute(form, "region"), contactName.isEmpty() ? null : contactName, form.getFirst("phone"),
                form.getFirst("email"), Channel.OPEN311, category, choice(SubjectArea.class, form, "subject_area", problems),
                orDefault(choice(Urgency.class, form, "urgency", problems), Urgency.NORMAL), attribute(form, "title"),
                form.getFirst("description"), category == Category.COMPLAINT ? attribute(form, "respondent_department") : null,
                null);
        for (ConstraintViolation<GrievanceSubmission> violation : validator.validate(submission)) {
            problems.add(FIELDS.getOrDefault(violation.getPropertyPath().toString(), violation.getPropertyPath().toString())
                    + " " + violation.getMessage());
        }
        if (!problems.isEmpty()) {
            throw new Open311Failure(400, problems.stream().sorted().toList());
        }
        Double lat = coordinate(form.getFirst("lat"), 90, "lat");
        Double longitude = coordinate(form.getFirst("long"), 180, "long");
        String address = form.getFirst("address_string");
        if (address != null && address.length() > 250) {
            throw new Open311Failure(400, "address_string is longer than 250 characters");
        }
        Grievance g = grievances.submitFromOpen311(submission, client.organisation, address, lat, longitude);
        return Response.ok(List.of(new PostedRequest(g.trackingNumber, g.status == GrievanceStatus.ACCEPTED
                ? "已受理，受理编号 " + g.trackingNumber : "已收到，待人工受理审核", null))).build();
    }

    /** Our field names as Open311 calls them, for error descriptions. */
    private static final Map<String, String> FIELDS = Map.ofEntries(Map.entry("uscc", "attribute[uscc]"),
            Map.entry("enterpriseName", "attribute[enterprise_name]"), Map.entry("regionCode", "attribute[region]"),
            Map.entry("subjectArea", "attribute[subject_area]"), Map.entry("title", "attribute[title]"),
            Map.entry("content", "description"), Map.entry("contactPhone", "phone"), Map.entry("contactEmail", "email"),
            Map.entry("contactName", "first_name/last_name"), Map.entry("urgency", "attribute[urgency]"),
            Map.entry("respondentDepartment", "attribute[respondent_department]"),
            Map.entry("enterpriseNamedUnlessAnonymous", "attribute[uscc]/attribute[enterprise_name]"));

    @GET
    @Path("/requests.json")
    @Transactional
    public List<ServiceRequest> requests(@QueryParam("service_request_id") String ids, @QueryParam("service_code") String serviceCode,
            @QueryParam("start_date") String startDate, @QueryParam("end_date") String endDate,
            @QueryParam("status") String status) {
        StringBuilder where = new StringBuilder("category <> 'TIP_OFF'");
        io.quarkus.panache.common.Parameters parameters = new io.quarkus.panache.common.Parameters();
        if (ids != null && !ids.isBlank()) {
            // the spec: other parameters are ignored when ids are given
            List<String> wanted = Arrays.stream(ids.split(",")).map(String::strip).filter(s -> !s.isEmpty()).limit(MAX_REQUESTS).toList();
            return Grievance.<Grievance>find(where + " and trackingNumber in :ids order by submittedAt desc",
                    parameters.and("ids", wanted)).list().stream().map(ServiceRequest::of).toList();
        }
        Instant end = endDate == null ? Instant.now() : instant(endDate, "end_date");
        Instant start = startDate == null ? end.minus(MAX_PERIOD) : instant(startDate, "start_date");
        if (end.isBefore(start)) {
            throw new Open311Failure(400, "end_date is before start_date");
        }
        if (Duration.between(start, end).compareTo(MAX_PERIOD) > 0) {
            throw new Open311Failure(400, "start_date and end_date may be at most 90 days apart");
        }
        where.append(" and submittedAt >= :start and submittedAt <= :end");
        parameters = parameters.and("start", start).and("end", end);
        if (serviceCode != null && !serviceCode.isBlank()) {
            List<Category> categories = new ArrayList<>();
            for (String code : serviceCode.split(",")) {
                categories.add(Open311Catalog.category(code.strip())
                        .orElseThrow(() -> new Open311Failure(400, "service_code " + code.strip() + " not found")));
            }
            where.append(" and category in :categories");
            parameters = parameters.and("categories", categories);
        }
        if (status != null && !status.isBlank()) {
            Set<String> statuses = Set.of(status.toLowerCase().split(","));
            if (!Set.of("open", "closed").containsAll(statuses)) {
                throw new Open311Failure(400, "status must be open, closed or both");
            }
            if (statuses.size() == 1) {
                where.append(statuses.contains("open") ? " and status not in :closed" : " and status in :closed");
                parameters = parameters.and("closed", CLOSED);
            }
        }
        return Grievance.<Grievance>find(where + " order by submittedAt desc", parameters).range(0, MAX_REQUESTS - 1)
                .list().stream().map(ServiceRequest::of).toList();
    }

    @GET
    @Path("/requests/{id}.json")
    @Transactional
    public List<ServiceRequest> request(@PathParam("id") String id) {
        return List.of(Grievance.<Grievance>find("trackingNumber = ?1 and category <> 'TIP_OFF'", id).firstResultOptional()
                .map(ServiceRequest::of).orElseThrow(() -> new Open311Failure(404, "service_request_id " + id + " not found")));
    }

    private static String attribute(MultivaluedMap<String, String> form, String code) {
        String value = form.getFirst("attribute[" + code + "]");
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static <E extends Enum<E>> E choice(Class<E> type, MultivaluedMap<String, String> form, String code,
            List<String> problems) {
        String value = attribute(form, code);
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            problems.add("attribute[" + code + "] must be one of " + Arrays.toString(type.getEnumConstants()));
            return null;
        }
    }

    private static <T> T orDefault(T value, T fallback) {
        return value == null ? fallback : value;
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }

    private static Double coordinate(String value, double limit, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            double parsed = Double.parseDouble(value.strip());
            if (Double.isNaN(parsed) || Math.abs(parsed) > limit) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new Open311Failure(400, name + " must be a number within ±" + (int) limit);
        }
    }

    private static Instant instant(String value, String name) {
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return java.time.LocalDate.parse(value.strip()).atStartOfDay(CHINA).toInstant();
            } catch (DateTimeParseException again) {
                throw new Open311Failure(400, name + " must be a W3C date-time such as 2026-11-24T09:00:00+08:00");
            }
        }
    }
}
