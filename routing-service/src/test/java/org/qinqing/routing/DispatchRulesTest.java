package org.qinqing.routing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.qinqing.routing.RoutingFixtures.accepted;
import static org.qinqing.routing.RoutingFixtures.acceptedAndRouted;
import static org.qinqing.routing.RoutingFixtures.routingEvents;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.qinqing.platform.testing.RealInfrastructure;
import org.qinqing.platform.testing.TopicProbe;

@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class DispatchRulesTest {

    @jakarta.inject.Inject
    org.qinqing.routing.work.WorkService work;

    @Test
    void equalTreatment_sizeAndOwnershipNeverChangeTheDecision() {
        List<String> decisions = new java.util.ArrayList<>();
        for (String[] enterprise : new String[][] { { "LARGE", "STATE_OWNED" }, { "INDIVIDUAL_BUSINESS", "PRIVATE" },
                { "MICRO", "FOREIGN_INVESTED" } }) {
            Map<String, Object> fields = new HashMap<>(accepted("COMPLAINT", "OTHER", "330106", "项目拖欠工程款一年多"));
            fields.put("enterpriseSize", enterprise[0]);
            fields.put("ownership", enterprise[1]);
            UUID id = acceptedAndRouted(fields);
            TopicProbe.Event dispatched = routingEvents(id, 1).get(0);
            decisions.add(dispatched.data().at("/lead/code").asText() + " " + dispatched.data().at("/rule/id").asText()
                    + " " + dispatched.data().get("reason").asText());
        }
        assertEquals(1, decisions.stream().distinct().count(), decisions.toString());
        assertEquals("XH-GXJ R-ARREARS", decisions.get(0).substring(0, "XH-GXJ R-ARREARS".length()));
    }

    @Test
    void aReplayedEvent_dispatchesOnce() {
        UUID id = UUID.randomUUID();
        try (TopicProbe probe = RoutingFixtures.probe()) {
            String data = "{\"grievanceId\":\"" + id + "\",\"sequence\":2,\"occurredAt\":\"2026-11-24T02:00:00Z\","
                    + "\"actor\":{\"role\":\"system\"},\"category\":\"HELP_REQUEST\",\"subjectArea\":\"FINANCING\","
                    + "\"urgency\":\"NORMAL\",\"regionCode\":\"330106\",\"title\":\"贷款\",\"content\":\"\"}";
            String eventId = UUID.randomUUID().toString();
            for (int i = 0; i < 3; i++) {
                probe.publishRaw("qinqing.intake.events", id.toString(), eventId, "cn.qinqing.intake.accepted.v1",
                        "/qinqing/intake", data);
            }
            // a later event of the same grievance proves the three copies were consumed before it
            probe.publish("intake", "withdrawn", id, 3, Map.of("reason", "问题已自行解决"));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> RoutingFixtures.assignment(id) != null
                            && RoutingFixtures.assignment(id).status == org.qinqing.routing.dispatch.Assignment.Status.WITHDRAWN);
        }
        assertEquals(1, routingEvents(id, 1).stream().filter(e -> e.type().endsWith(".dispatched.v1")).count());
    }

    @Test
    @TestSecurity(user = "operator-hz", roles = "operator")
    @OidcSecurity(claims = @Claim(key = "region", value = "330100"))
    void simulate_explainsWhoWouldGetItAndWhy_withoutDispatching() {
        given().contentType("application/json").body(Map.of("category", "TIP_OFF", "subjectArea", "FEES_AND_CHARGES",
                "regionCode", "330106", "title", "检查人员乱收费", "content", "", "respondentDepartment", "XH-SCJG"))
                .when().post("/api/v1/routing/simulate")
                .then().statusCode(200)
                .body("manualDispatch", equalTo(false))
                .body("lead.code", equalTo("XH-JW"))
                .body("lead.kind", equalTo("OVERSIGHT_BODY"))
                .body("reason", containsString("西湖区市场监督管理局"));
        given().contentType("application/json").body(Map.of("category", "HELP_REQUEST", "subjectArea", "FINANCING",
                "regionCode", "330205", "title", "融资难"))
                .when().post("/api/v1/routing/simulate")
                .then().statusCode(200).body("lead.code", equalTo("NB-JRB")).body("rule.id", equalTo("R-FIN-NB"))
                .body("reason", containsString("地区 330205 属于 3302"));
    }

    @Test
    @TestSecurity(user = "operator-bj", roles = "operator")
    @OidcSecurity(claims = @Claim(key = "region", value = "110000"))
    void noRule_waitsForAnOperatorOfTheRegion_whoDispatchesByHandWithAReason() {
        UUID beijing = acceptedAndRouted(accepted("HELP_REQUEST", "FINANCING", "110105", "贷款"));
        TopicProbe.Event manual = routingEvents(beijing, 1).get(0);
        assertEquals("cn.qinqing.routing.manual-dispatch-required.v1", manual.type());
        given().when().get("/api/v1/routing/manual-queue").then().statusCode(200)
                .body("grievanceId", org.hamcrest.Matchers.hasItem(beijing.toString()));
        // an operator of another region does not find it
        org.junit.jupiter.api.Assertions.assertThrows(org.qinqing.problems.ProblemException.class, () -> work.manualDispatch(
                beijing, "3301", "330100", new org.qinqing.routing.work.WorkCommands.ManualDispatch("HZ-JRB", "人工核实")));
        given().contentType("application/json").body(Map.of("department", "ZJ-YSB"))
                .when().post("/api/v1/routing/assignments/" + beijing + "/manual-dispatch")
                .then().statusCode(400).body("errors[0].field", equalTo("reason"));
        given().contentType("application/json").body(Map.of("department", "ZJ-YSB", "reason", "外省企业在浙投资项目，由省营商办协调"))
                .when().post("/api/v1/routing/assignments/" + beijing + "/manual-dispatch")
                .then().statusCode(200).body("status", equalTo("DISPATCHED")).body("dispatchCause", equalTo("MANUAL"));
        TopicProbe.Event dispatched = routingEvents(beijing, 2).get(1);
        assertEquals("ZJ-YSB", dispatched.data().at("/lead/code").asText());
        assertEquals("operator", dispatched.data().at("/actor/role").asText());
        given().contentType("application/json").body(Map.of("department", "ZJ-YSB", "reason", "再次分派"))
                .when().post("/api/v1/routing/assignments/" + beijing + "/manual-dispatch")
                .then().statusCode(409).body("currentStatus", equalTo("DISPATCHED"));
    }

    @Test
    @TestSecurity(user = "admin-zj", roles = "admin")
    @OidcSecurity(claims = @Claim(key = "region", value = "330000"))
    void aRuleNamingAnUnknownDepartment_isRejected_andAGoodOneRoutesAtOnce() {
        Map<String, Object> rule = new HashMap<>(Map.of("id", "R-TEST-MKT", "priority", 500, "subjectArea", "MARKET_ACCESS",
                "regionPrefix", "330205", "leadDepartment", "NO-SUCH", "description", "测试"));
        given().contentType("application/json").body(rule).when().post("/api/v1/routing/rules")
                .then().statusCode(422).body("field", equalTo("leadDepartment"));
        rule.put("leadDepartment", "NB-SCJG");
        given().contentType("application/json").body(rule).when().post("/api/v1/routing/rules").then().statusCode(201);
        given().contentType("application/json").body(Map.of("category", "HELP_REQUEST", "subjectArea", "MARKET_ACCESS",
                "regionCode", "330205")).when().post("/api/v1/routing/simulate")
                .then().statusCode(200).body("rule.id", equalTo("R-TEST-MKT"));
        given().when().delete("/api/v1/routing/rules/R-TEST-MKT").then().statusCode(204);
    }

    @Test
    @TestSecurity(user = "admin-zj", roles = "admin")
    @OidcSecurity(claims = @Claim(key = "region", value = "330000"))
    void aDepartmentWithOpenCases_cannotBeDeleted() {
        acceptedAndRouted(accepted("HELP_REQUEST", "EMPLOYMENT", "330102", "社保补贴"));
        given().when().delete("/api/v1/routing/departments/HZ-RSJ")
                .then().statusCode(409).body("currentStatus", equalTo("HAS_OPEN_CASES"));
        given().when().get("/api/v1/routing/departments/HZ-RSJ").then().statusCode(200).body("active", equalTo(true));
    }
}
