package org.qinqing.problems;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A domain rule a request broke, answered as problem details: the services throw these rather than building
 * responses, so every error has one shape.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String slug;
    private final String title;
    private final Map<String, Object> extensions = new LinkedHashMap<>();

    public ProblemException(int status, String slug, String title, String detail) {
        super(detail);
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    /** Unknown or outside the caller's scope: the same answer, so existence does not leak (PLATFORM.md §2). */
    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(404, "not-found", "Not found", what + " " + id + " does not exist or is not yours");
    }

    /** A command that does not fit the current status; the body names it (PLATFORM.md §4 "Races"). */
    public static ProblemException conflict(String detail, String currentStatus) {
        return new ProblemException(409, "status-conflict", "Not possible in the current status", detail)
                .with("currentStatus", currentStatus);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "forbidden", "Forbidden", detail);
    }

    public static ProblemException unprocessable(String slug, String title, String detail) {
        return new ProblemException(422, slug, title, detail);
    }

    /**
     * A query parameter that is not one of the values it may take: 400 naming the parameter, in the shape of a
     * validation problem (JAX-RS would answer 404 for a failed conversion, which says the wrong thing).
     */
    public static <E extends Enum<E>> E enumParameter(Class<E> type, String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip());
        } catch (IllegalArgumentException e) {
            throw invalidParameter(name, value, "must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    public static ProblemException invalidParameter(String name, String value, String expected) {
        return new ProblemException(400, "invalid-input", "Invalid input", name + " '" + value + "' " + expected)
                .with("errors", java.util.List.of(Map.of("field", name, "message", expected)));
    }

    public ProblemException with(String name, Object value) {
        extensions.put(name, value);
        return this;
    }

    Problem toProblem(String instance) {
        Problem problem = new Problem(Problem.typeUri(slug), title, status, getMessage(), instance, null, null);
        for (Map.Entry<String, Object> extension : extensions.entrySet()) {
            problem = problem.withExtension(extension.getKey(), extension.getValue());
        }
        return problem;
    }
}
