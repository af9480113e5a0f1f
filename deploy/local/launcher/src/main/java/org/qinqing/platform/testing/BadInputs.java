package org.qinqing.platform.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generated invalid request bodies for an endpoint's fuzzing, from one valid JSON body: every field given a wrong
 * type, a huge string, control characters, SQL and script fragments; then whole bodies that are no JSON object
 * (deep nesting, invalid UTF-8, truncated, empty), in wrong content types, or oversize. Each must be refused with
 * a 4xx and store nothing; {@link Input#mayBeStored()} marks the few that are valid (hostile text in a free-text
 * field, which must be stored verbatim or refused, never break anything).
 */
public final class BadInputs {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request body. */
    public record Input(String label, String contentType, byte[] body, boolean mayBeStored) {
        @Override
        public String toString() {
            return label + " (" + contentType + ", " + body.length + " bytes)";
        }
    }

    public static final List<String> HOSTILE_TEXT = List.of("'; DROP TABLE grievance; --", "' OR '1'='1",
            "\"; SELECT pg_sleep(10); --", "<script>alert(document.cookie)</script>", "<img src=x onerror=alert(1)>",
            "${jndi:ldap://127.0.0.1/a}", "{{7*7}}", "../../../../etc/passwd");

    private static final List<String> CONTROL = List.of("标题\u0000带空字符", "\u0007\u0008\u001b[31m红色\u001b[0m",
            "\u0001\u0002\u0003\u007f", "行\u2028分隔\u2029段落\ufeff");

    private BadInputs() {
    }

    /**
     * The bodies for {@code valid}; {@code freeText} names the fields whose value is free text (hostile text
     * there is valid input),
     */
    public static List<Input> forJson(Map<String, Object> valid, List<String> freeText) {
        List<Input> inputs = new ArrayList<>();
        for (String field : valid.keySet()) {
            inputs.add(json(field + " an object", valid, field, Map.of("$ne", 1)));
            inputs.add(json(field + " an array", valid, field, List.of(1, 2, 3)));
            inputs.add(json(field + " a huge string", valid, field, "长".repeat(300_000)));
            for (int i = 0; i < CONTROL.size(); i++) {
                Input control = json(field + " control characters " + i, valid, field, CONTROL.get(i));
                // line and paragraph separators and a BOM are Unicode text, allowed in free text
                inputs.add(i == 3 && freeText.contains(field) ? mayBeStored(control) : control);
            }
            for (String hostile : HOSTILE_TEXT) {
                Input input = json(field + " " + hostile, valid, field, hostile);
                inputs.add(freeText.contains(field) ? mayBeStored(input) : input);
            }
        }
        if (!freeText.isEmpty()) {
            String field = freeText.get(0);
            // invalid UTF-8 inside a string value: a lone continuation byte, an overlong '/', a truncated sequence
            for (byte[] bad : List.of(new byte[] { (byte) 0x80 }, new byte[] { (byte) 0xC0, (byte) 0xAF },
                    new byte[] { (byte) 0xE6, (byte) 0xA0 }, new byte[] { (byte) 0xFF, (byte) 0xFE })) {
                StringBuilder hex = new StringBuilder();
                for (byte b : bad) {
                    hex.append(String.format("%02X", b));
                }
                inputs.add(new Input("invalid UTF-8 (" + hex + ") in " + field, "application/json", withBytes(valid, field, bad), false));
            }
        }
        byte[] body = bytes(valid);
        inputs.add(new Input("nested 100000 deep", "application/json", ("{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}")
                .getBytes(StandardCharsets.UTF_8), false));
        inputs.add(new Input("nested objects 5000 deep", "application/json",
                ("{\"a\":".repeat(5000) + "1" + "}".repeat(5000)).getBytes(StandardCharsets.UTF_8), false));
        inputs.add(new Input("truncated", "application/json", java.util.Arrays.copyOf(body, body.length / 2), false));
        inputs.add(new Input("empty", "application/json", new byte[0], false));
        inputs.add(new Input("null", "application/json", "null".getBytes(StandardCharsets.UTF_8), false));
        inputs.add(new Input("an array of the body", "application/json", ("[" + new String(body, StandardCharsets.UTF_8) + "]")
                .getBytes(StandardCharsets.UTF_8), false));
        inputs.add(new Input("a string", "application/json", "\"hello\"".getBytes(StandardCharsets.UTF_8), false));
        inputs.add(new Input("an empty object", "application/json", "{}".getBytes(StandardCharsets.UTF_8), false));
        inputs.add(new Input("duplicate keys with a bad last value", "application/json",
                (new String(body, StandardCharsets.UTF_8).replaceFirst("\\}$", "") + ",\"" + valid.keySet().iterator().next()
                        + "\":{\"x\":1}}").getBytes(StandardCharsets.UTF_8), false));
        inputs.add(new Input("oversize 12 MB", "application/json", oversize(body, 12 * 1024 * 1024), false));
        for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                "application/octet-stream")) {
            inputs.add(new Input("the valid body as " + type, type, body, false));
        }
        return inputs;
    }

    private static Input mayBeStored(Input input) {
        return new Input(input.label(), input.contentType(), input.body(), true);
    }

    private static Input json(String label, Map<String, Object> valid, String field, Object value) {
        Map<String, Object> body = new LinkedHashMap<>(valid);
        body.put(field, value);
        return new Input(label, "application/json", bytes(body), false);
    }

    private static byte[] withBytes(Map<String, Object> valid, String field, byte[] bad) {
        Map<String, Object> body = new LinkedHashMap<>(valid);
        body.put(field, "MARK");
        byte[] json = bytes(body);
        String text = new String(json, StandardCharsets.UTF_8);
        int at = text.indexOf("MARK");
        int byteAt = text.substring(0, at).getBytes(StandardCharsets.UTF_8).length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(json, 0, byteAt);
        out.write('x');
        out.writeBytes(bad);
        out.write('x');
        out.write(json, byteAt + 4, json.length - byteAt - 4);
        return out.toByteArray();
    }

    private static byte[] oversize(byte[] body, int size) {
        // the valid body with one long extra field, so only its size is wrong
        String text = new String(body, StandardCharsets.UTF_8);
        return (text.substring(0, text.length() - 1) + ",\"padding\":\"" + "x".repeat(size) + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(Map<String, Object> body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
