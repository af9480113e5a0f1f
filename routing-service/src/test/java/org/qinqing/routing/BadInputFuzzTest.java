package org.qinqing.routing;

import static org.qinqing.routing.RoutingFixtures.accepted;
import static org.qinqing.routing.RoutingFixtures.acceptedAndRouted;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.qinqing.platform.testing.BadInputs;
import org.qinqing.platform.testing.BadInputs.Input;
import org.qinqing.platform.testing.Fuzzer;
import org.qinqing.platform.testing.RealInfrastructure;

/**
 * Every work endpoint of routing given generated invalid bodies: never a 5xx, never a stored row. Hostile text in
 * a free-text field is valid input; it may be stored, never break anything.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class BadInputFuzzTest {

    static final Fuzzer FUZZER = new Fuzzer();

    @TestHTTPResource("/")
    URL base;

    @Inject
    AgroalDataSource dataSource;

    @Test
    @TestSecurity(user = "staff-hz-jrb", roles = "dept-staff")
    @OidcSecurity(claims = @Claim(key = "department", value = "HZ-JRB"))
    void departmentWork_refusesEveryBadBody() {
        UUID id = acceptedAndRouted(accepted("HELP_REQUEST", "FINANCING", "330106", "贷款贴息申请没有答复"));
        String at = "/api/v1/routing/assignments/" + id;
        fuzz("notes", at, BadInputs.forJson(body("text", "已电话联系企业", "visibleToEnterprise", true), List.of("text")));
        fuzz("extension-requests", at, BadInputs.forJson(body("workingDays", 5, "reason", "需要现场核查"), List.of("reason")));
        fuzz("co-handling-requests", at, BadInputs.forJson(body("department", "XH-SCJG", "question", "请核实收费依据"),
                List.of("question")));
        fuzz("co-handling-input", at, BadInputs.forJson(body("answer", "已核实"), List.of("answer")));
        fuzz("info-requests", at, BadInputs.forJson(body("question", "请提供贷款合同"), List.of("question")));
        fuzz("reply", at, BadInputs.forJson(body("text", "已协调银行办理"), List.of("text")));
        // last: a hostile but valid reason returns the case, and the department's access ends
        fuzz("return", at, BadInputs.forJson(body("reason", "不属于本单位职责", "basis", "三定方案第三条"), List.of("reason", "basis")));
        for (String command : List.of("notes", "info-requests", "extension-requests", "co-handling-requests", "co-handling-input",
                "reply", "return")) {
            badIds(command, "{\"text\":\"x\",\"question\":\"x\",\"reason\":\"x\",\"basis\":\"x\",\"answer\":\"x\","
                    + "\"workingDays\":3,\"department\":\"XH-SCJG\"}");
        }
        FUZZER.verify();
    }

    @Test
    @TestSecurity(user = "operator-hz", roles = "operator")
    @OidcSecurity(claims = @Claim(key = "region", value = "330100"))
    void manualDispatch_refusesEveryBadBody() {
        UUID id = acceptedAndRouted(accepted("HELP_REQUEST", "FINANCING", "330106", "贷款贴息申请没有答复"));
        fuzz("manual-dispatch", "/api/v1/routing/assignments/" + id, BadInputs.forJson(
                body("department", "HZ-JRB", "reason", "按职责分派"), List.of("reason")));
        badIds("manual-dispatch", "{\"department\":\"HZ-JRB\",\"reason\":\"按职责分派\"}");
        FUZZER.verify();
    }

    @AfterAll
    static void figure() {
        System.out.println(FUZZER.figure("routing"));
    }

    static Map<String, Object> body(Object... nameValue) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            body.put((String) nameValue[i], nameValue[i + 1]);
        }
        return body;
    }

    void fuzz(String command, String assignment, List<Input> inputs) {
        FUZZER.post(base.toString(), "POST /api/v1/routing/assignments/{id}/" + command, assignment + "/" + command, inputs, this::rows);
    }

    void badIds(String command, String body) {
        List<Input> one = List.of(new Input("valid body", "application/json", body.getBytes(StandardCharsets.UTF_8), false));
        for (String id : List.of("not-a-uuid", "%27%20OR%20%271%27%3D%271", "%00", "x".repeat(5000), UUID.randomUUID().toString())) {
            fuzz(command, "/api/v1/routing/assignments/" + id, one);
        }
    }

    long rows() {
        try (Connection connection = dataSource.getConnection()) {
            return Fuzzer.rows(connection);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
