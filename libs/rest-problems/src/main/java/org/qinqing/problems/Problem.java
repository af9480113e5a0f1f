package org.qinqing.problems;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem details body. {@code type} is a URN naming the kind of problem; {@code errors} names each
 * offending field of a request; extension members (such as {@code currentStatus}) are flattened into the body.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors,
        @com.fasterxml.jackson.annotation.JsonIgnore Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public record FieldError(String field, String message) {
    }

    public static String typeUri(String slug) {
        return "urn:qinqing:problem:" + slug;
    }

    @JsonAnyGetter
    public Map<String, Object> extensionMembers() {
        return extensions == null ? Map.of() : extensions;
    }

    public Problem withExtension(String name, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(extensionMembers());
        more.put(name, value);
        return new Problem(type, title, status, detail, instance, errors, more);
    }
}
