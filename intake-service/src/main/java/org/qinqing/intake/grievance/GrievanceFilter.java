package org.qinqing.intake.grievance;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * What a list of grievances is filtered and sorted by: statuses, category, submission dates (inclusive, in
 * Asia/Shanghai), a page, and one of the {@link #SORTS}.
 */
public record GrievanceFilter(List<GrievanceStatus> statuses, Category category, LocalDate from, LocalDate to,
        int page, int size, String sort) {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    /** The sort keys a client may name; a leading '-' sorts descending. */
    public static final Map<String, String> SORTS = Map.of("submittedAt", "submittedAt", "updatedAt", "updatedAt",
            "trackingNumber", "trackingNumber", "status", "status");

    public record Result(List<Grievance> page, long total) {
    }

    String condition(String scope) {
        StringBuilder where = new StringBuilder(scope);
        if (statuses != null && !statuses.isEmpty()) {
            where.append(" and status in :statuses");
        }
        if (category != null) {
            where.append(" and category = :category");
        }
        if (from != null) {
            where.append(" and submittedAt >= :from");
        }
        if (to != null) {
            where.append(" and submittedAt < :to");
        }
        return where.toString();
    }

    Parameters parameters(Parameters scope) {
        Parameters parameters = scope;
        if (statuses != null && !statuses.isEmpty()) {
            parameters = parameters.and("statuses", statuses);
        }
        if (category != null) {
            parameters = parameters.and("category", category);
        }
        if (from != null) {
            parameters = parameters.and("from", from.atStartOfDay(CHINA).toInstant());
        }
        if (to != null) {
            parameters = parameters.and("to", to.plusDays(1).atStartOfDay(CHINA).toInstant());
        }
        return parameters;
    }

    Sort order() {
        boolean descending = sort.startsWith("-");
        String field = SORTS.get(descending ? sort.substring(1) : sort);
        Sort order = descending ? Sort.descending(field) : Sort.ascending(field);
        return order.and("id");
    }
}
