package org.qinqing.intake;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import jakarta.inject.Inject;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.qinqing.intake.open311.Open311Clients;
import org.qinqing.platform.testing.BadInputs;
import org.qinqing.platform.testing.BadInputs.Input;
import org.qinqing.platform.testing.Fuzzer;
import org.qinqing.platform.testing.RealInfrastructure;

/**
 * Every write endpoint of intake given generated invalid bodies: never a 5xx, never a stored row. Hostile text in
 * a free-text field is valid input (a grievance may quote SQL); it may be stored, never break anything.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class BadInputFuzzTest {

    static final String USCC = SubmittingGrievanceTest.USCC;
    static final Fuzzer FUZZER = new Fuzzer();

    @TestHTTPResource("/")
    URL base;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Open311Clients clients;

    @Test
    @TestSecurity(user = "ent-hz", roles = "enterprise")
    @OidcSecurity(claims = @Claim(key = "uscc", value = USCC))
    void enterpriseEndpoints_refuseEveryBadBody() {
        Map<String, Object> submission = new LinkedHashMap<>(SubmittingGrievanceTest.submission(USCC));
        fuzz("POST /api/v1/grievances", "/api/v1/grievances", BadInputs.forJson(submission,
                List.of("enterpriseName", "contactName", "title", "content", "respondentDepartment")));
        UUID id = StoredGrievances.accepted(USCC);
        fuzz("POST /api/v1/grievances/{id}/supplements", "/api/v1/grievances/" + id + "/supplements", BadInputs.forJson(Map.of("text", "补充了贷款合同"), List.of("text")));
        Map<String, Object> rating = new LinkedHashMap<>(Map.of("level", "SATISFIED", "solved", true, "qinMark", "POSITIVE",
                "qingMark", "POSITIVE", "comment", "办理及时"));
        fuzz("POST /api/v1/grievances/{id}/rating", "/api/v1/grievances/" + id + "/rating", BadInputs.forJson(rating, List.of("comment")));
        badIds("/api/v1/grievances/%s/supplements", "{\"text\":\"补充\"}");
        badIds("/api/v1/grievances/%s/rating", "{\"level\":\"SATISFIED\",\"solved\":true,\"qinMark\":\"POSITIVE\",\"qingMark\":\"POSITIVE\"}");
        // last: a hostile but valid reason withdraws the case, and the rest answer 409
        fuzz("POST /api/v1/grievances/{id}/withdrawal", "/api/v1/grievances/" + id + "/withdrawal", BadInputs.forJson(Map.of("reason", "问题已自行解决"), List.of("reason")));
        badIds("/api/v1/grievances/%s/withdrawal", "{\"reason\":\"已解决\"}");
        FUZZER.verify();
    }

    @Test
    @TestSecurity(user = "operator-hz", roles = "operator")
    @OidcSecurity(claims = @Claim(key = "region", value = "330100"))
    void operatorEndpoints_refuseEveryBadBody() {
        UUID id = StoredGrievances.stored(USCC, g -> g.status = org.qinqing.intake.grievance.GrievanceStatus.SUBMITTED);
        UUID other = StoredGrievances.accepted(USCC);
        fuzz("POST /api/v1/grievances/{id}/merge", "/api/v1/grievances/" + id + "/merge", BadInputs.forJson(Map.of("into", other.toString()), List.of()));
        badIds("/api/v1/grievances/%s/merge", "{\"into\":\"" + other + "\"}");
        fuzz("POST /api/v1/grievances/{id}/rejection", "/api/v1/grievances/" + id + "/rejection", BadInputs.forJson(Map.of("reason", "不属于受理范围"), List.of("reason")));
        badIds("/api/v1/grievances/%s/rejection", "{\"reason\":\"不予受理\"}");
        FUZZER.verify();
    }

    @Test
    void ratingLink_refusesEveryBadBodyAndToken() {
        Map<String, Object> rating = new LinkedHashMap<>(Map.of("level", "SATISFIED", "solved", true, "qinMark", "POSITIVE",
                "qingMark", "POSITIVE", "comment", "办理及时"));
        // a token that is no signed token: every body is refused, good or bad
        fuzz("POST /api/v1/rating-links/{token}", "/api/v1/rating-links/v1.not-a-token", BadInputs.forJson(rating, List.of()));
        badIds("/api/v1/rating-links/%s", "{\"level\":\"SATISFIED\",\"solved\":true,\"qinMark\":\"POSITIVE\",\"qingMark\":\"POSITIVE\"}");
        FUZZER.verify();
    }

    @Test
    void open311Post_refusesEveryBadForm() {
        String key = clients.issue("杭州市民卡数据平台", "admin-zj").apiKey();
        Map<String, String> valid = new LinkedHashMap<>();
        valid.put("api_key", key);
        valid.put("service_code", "help-request");
        valid.put("attribute[uscc]", USCC);
        valid.put("attribute[enterprise_name]", "杭州青禾科技有限公司");
        valid.put("attribute[region]", "330106");
        valid.put("attribute[subject_area]", "UTILITIES");
        valid.put("attribute[title]", "新厂房用水报装三个月未接通");
        valid.put("description", "新厂房用水报装申请三个月仍未接通，影响投产。");
        valid.put("address_string", "杭州市西湖区三墩镇振华路 200 号");
        valid.put("lat", "30.3252");
        valid.put("long", "120.0921");
        valid.put("phone", "13800571234");
        List<String> freeText = List.of("attribute[enterprise_name]", "attribute[title]", "description", "address_string");
        List<Input> inputs = new ArrayList<>();
        for (String field : valid.keySet()) {
            // lat, long, address and phone are optional: a form without them is valid
            inputs.add(form(field + " missing", valid, field, null, List.of("lat", "long", "address_string", "phone").contains(field)));
            inputs.add(form(field + " a huge string", valid, field, "长".repeat(300_000), false));
            for (String control : List.of("标题\u0000带空字符", "\u0007\u0008\u001b[31m红色", "\u0001\u0002\u007f")) {
                inputs.add(form(field + " control characters", valid, field, control, false));
            }
            for (String hostile : BadInputs.HOSTILE_TEXT) {
                inputs.add(form(field + " " + hostile, valid, field, hostile, freeText.contains(field)));
            }
        }
        inputs.add(form("a revoked-looking api_key", valid, "api_key", "o311_" + "0".repeat(40), false));
        inputs.add(new Input("the form as JSON", "application/json", "{\"service_code\":\"help-request\"}".getBytes(StandardCharsets.UTF_8), false));
        inputs.add(new Input("the form as text/plain", "text/plain", encode(valid).getBytes(StandardCharsets.UTF_8), false));
        inputs.add(new Input("oversize 12 MB", "application/x-www-form-urlencoded",
                (encode(valid) + "&padding=" + "x".repeat(12 * 1024 * 1024)).getBytes(StandardCharsets.UTF_8), false));
        fuzz("POST /open311/v2/requests.json", "/open311/v2/requests.json", inputs);
        FUZZER.verify();
    }

    @AfterAll
    static void figure() {
        System.out.println(FUZZER.figure("intake"));
    }

    /** Malformed ids in the path: a 4xx, never a 5xx. */
    void badIds(String pathFormat, String body) {
        List<Input> one = List.of(new Input("valid body", "application/json", body.getBytes(StandardCharsets.UTF_8), false));
        for (String id : List.of("not-a-uuid", "%27%20OR%20%271%27%3D%271", "%00", "..%2F..%2Fetc%2Fpasswd", "x".repeat(5000),
                UUID.randomUUID().toString())) {
            fuzz("POST " + pathFormat.replace("%s", pathFormat.contains("rating-links") ? "{token}" : "{id}"),
                    String.format(pathFormat, id), one);
        }
    }

    void fuzz(String endpoint, String path, List<Input> inputs) {
        FUZZER.post(base.toString(), endpoint, path, inputs, this::rows);
    }

    long rows() {
        try (Connection connection = dataSource.getConnection()) {
            return Fuzzer.rows(connection);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static Input form(String label, Map<String, String> valid, String field, String value, boolean mayBeStored) {
        Map<String, String> fields = new LinkedHashMap<>(valid);
        if (value == null) {
            fields.remove(field);
        } else {
            fields.put(field, value);
        }
        return new Input(label, "application/x-www-form-urlencoded; charset=UTF-8", encode(fields).getBytes(StandardCharsets.UTF_8),
                mayBeStored);
    }

    static String encode(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }
}
