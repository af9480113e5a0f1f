package org.qinqing.routing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.qinqing.routing.RoutingFixtures.accepted;
import static org.qinqing.routing.RoutingFixtures.acceptedAndRouted;
import static org.qinqing.routing.RoutingFixtures.assignment;
import static org.qinqing.routing.RoutingFixtures.routingEvents;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qinqing.platform.testing.RealInfrastructure;
import org.qinqing.platform.testing.TopicProbe;
import org.qinqing.routing.dispatch.Assignment;
import org.qinqing.routing.work.WorkCommands;
import org.qinqing.routing.work.WorkService;

@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class DepartmentWorkTest {

    @Inject
    WorkService work;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    static UUID financingCaseForHangzhouFinance() {
        return acceptedAndRouted(accepted("HELP_REQUEST", "FINANCING", "330106", "贷款贴息申请没有答复"));
    }

    @Test
    @TestSecurity(user = "staff-hz-jrb", roles = "dept-staff")
    @OidcSecurity(claims = @Claim(key = "department", value = "HZ-JRB"))
    void signNoteAskAndReply_publishTheirEvents_inOrder() {
        UUID id = financingCaseForHangzhouFinance();
        given().when().get("/api/v1/routing/work-queue?state=NEW")
                .then().statusCode(200).body("grievanceId", hasItem(id.toString()));
        given().when().post("/api/v1/routing/assignments/" + id + "/sign")
                .then().statusCode(200).body("status", equalTo("IN_PROGRESS"));
        given().when().post("/api/v1/routing/assignments/" + id + "/sign")
                .then().statusCode(409).body("currentStatus", equalTo("IN_PROGRESS"));
        given().contentType("application/json").body(Map.of("text", "已联系银行核实", "visibleToEnterprise", true))
                .when().post("/api/v1/routing/assignments/" + id + "/notes").then().statusCode(200);
        given().contentType("application/json").body(Map.of("text", "贴息已于本周拨付", "attachments", List.of("拨付通知.pdf")))
                .when().post("/api/v1/routing/assignments/" + id + "/reply")
                .then().statusCode(200).body("round", equalTo(1));

        List<String> types = routingEvents(id, 4).stream().map(TopicProbe.Event::type).toList();
        assertEquals(List.of("cn.qinqing.routing.dispatched.v1", "cn.qinqing.routing.signed.v1",
                "cn.qinqing.routing.note-added.v1", "cn.qinqing.routing.replied.v1"), types);
        assertEquals(Assignment.Status.REPLIED, assignment(id).status);

        // the department sees how the enterprise rated its reply
        try (TopicProbe probe = RoutingFixtures.probe()) {
            probe.publish("intake", "rated", id, 5, Map.of("level", "SATISFIED", "solved", true));
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .untilAsserted(() -> given().when().get("/api/v1/routing/assignments/" + id)
                        .then().statusCode(200).body("ratingLevel", equalTo("SATISFIED")).body("ratingSolved", equalTo(true)));
    }

    @Test
    @TestSecurity(user = "staff-hz-jrb", roles = "dept-staff")
    @OidcSecurity(claims = @Claim(key = "department", value = "HZ-JRB"))
    void returnedOnce_isReroutedWithoutTheReturner_andReturnedTwice_goesToTheSupervisors() {
        UUID id = financingCaseForHangzhouFinance();
        given().contentType("application/json").body(Map.of("reason", "不属于本单位职责"))
                .when().post("/api/v1/routing/assignments/" + id + "/return")
                .then().statusCode(400).body("errors.field", hasItem("basis"));
        given().contentType("application/json").body(Map.of("reason", "贴息由经信部门兑现", "basis", "《惠企政策兑现办法》第五条"))
                .when().post("/api/v1/routing/assignments/" + id + "/return")
                .then().statusCode(200).body("nextStatus", equalTo("DISPATCHED"));

        Assignment rerouted = assignment(id);
        assertEquals("HZ-YSB", rerouted.leadDepartmentCode, "the next rule that does not lead to the returner");
        assertEquals(2, rerouted.round);
        // the returner has lost the case
        given().when().get("/api/v1/routing/assignments/" + id).then().statusCode(404);
        // a 催办 issued to the returner before the re-dispatch reached deadline does not mark the new lead's queue
        try (TopicProbe probe = RoutingFixtures.probe()) {
            probe.publish("deadline", "urged", id, 11, Map.of("urgingId", UUID.randomUUID().toString(), "text", "请加快办理",
                    "department", "HZ-JRB"));
            probe.publish("deadline", "supervision-issued", id, 12, Map.of("supervisionId", UUID.randomUUID().toString(),
                    "text", "列为督办件", "completionDate", "2026-12-18", "dueAt", "2026-12-18T09:30:00Z", "department", "HZ-YSB"));
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> assignment(id).underSupervision);
        assertEquals(false, assignment(id).urged, "the urging named the department that returned the case");

        work.returnCase(id, "HZ-YSB", new WorkCommands.ReturnCase("应由区级办理", "属地管理原则"));
        List<TopicProbe.Event> events = routingEvents(id, 5);
        assertEquals(List.of("dispatched", "returned", "dispatched", "returned", "return-escalated"),
                events.stream().map(e -> e.type().split("\\.")[3]).toList());
        assertEquals(2, events.get(3).data().get("returnCount").asInt());
        assertEquals(2, events.get(4).data().get("returns").size());
        assertEquals(Assignment.Status.AWAITING_SUPERVISOR, assignment(id).status);
    }

    @Test
    @TestSecurity(user = "staff-xh-scjg", roles = "dept-staff")
    @OidcSecurity(claims = @Claim(key = "department", value = "XH-SCJG"))
    void anotherDepartmentsCase_isNotFound_forReadingAndForEveryCommand() {
        UUID id = financingCaseForHangzhouFinance();
        given().when().get("/api/v1/routing/assignments/" + id).then().statusCode(404);
        given().when().post("/api/v1/routing/assignments/" + id + "/sign").then().statusCode(404);
        given().contentType("application/json").body(Map.of("text", "答复", "attachments", List.of()))
                .when().post("/api/v1/routing/assignments/" + id + "/reply").then().statusCode(404);
        given().when().get("/api/v1/routing/work-queue").then().statusCode(200)
                .body("grievanceId", org.hamcrest.Matchers.not(hasItem(id.toString())));
        assertEquals(Assignment.Status.DISPATCHED, assignment(id).status);
    }

    @Test
    @TestSecurity(user = "staff-hz-jrb", roles = "dept-staff")
    @OidcSecurity(claims = @Claim(key = "department", value = "HZ-JRB"))
    void coHandlingInputGoesWithTheReply_andOnlyOneExtensionRequestWaitsAtATime() {
        UUID id = financingCaseForHangzhouFinance();
        given().when().post("/api/v1/routing/assignments/" + id + "/sign").then().statusCode(200);
        given().contentType("application/json").body(Map.of("department", "HZ-GXJ", "question", "贴息资金是否已下达？"))
                .when().post("/api/v1/routing/assignments/" + id + "/co-handling-requests")
                .then().statusCode(200).body("coHandling", hasItem("HZ-GXJ"));
        given().contentType("application/json").body(Map.of("department", "NO-SUCH", "question", "？"))
                .when().post("/api/v1/routing/assignments/" + id + "/co-handling-requests").then().statusCode(422);
        // the co-handling department answers (as its own staff would)
        work.answerCoHandling(id, "HZ-GXJ", new WorkCommands.CoHandlingAnswer("资金已于11月20日下达区财政"));
        org.junit.jupiter.api.Assertions.assertThrows(org.qinqing.problems.ProblemException.class,
                () -> work.answerCoHandling(id, "XH-SCJG", new WorkCommands.CoHandlingAnswer("不相干的单位")));

        given().contentType("application/json").body(Map.of("workingDays", 5, "reason", "需等待银行复核"))
                .when().post("/api/v1/routing/assignments/" + id + "/extension-requests").then().statusCode(200);
        given().contentType("application/json").body(Map.of("workingDays", 3, "reason", "再延"))
                .when().post("/api/v1/routing/assignments/" + id + "/extension-requests").then().statusCode(409);
        given().contentType("application/json").body(Map.of("workingDays", 90, "reason", "太长"))
                .when().post("/api/v1/routing/assignments/" + id + "/extension-requests").then().statusCode(400);

        given().contentType("application/json").body(Map.of("text", "经协调，贴息资金本周拨付"))
                .when().post("/api/v1/routing/assignments/" + id + "/reply").then().statusCode(200);
        List<TopicProbe.Event> events = routingEvents(id, 5);
        TopicProbe.Event replied = events.get(events.size() - 1);
        assertEquals("cn.qinqing.routing.replied.v1", replied.type());
        assertEquals("HZ-GXJ", replied.data().at("/coHandlingInputs/0/department").asText());
        assertEquals("资金已于11月20日下达区财政", replied.data().at("/coHandlingInputs/0/answer").asText());
        TopicProbe.Event extension = events.stream().filter(e -> e.type().endsWith("extension-requested.v1")).findFirst().orElseThrow();
        assertEquals(5, extension.data().get("workingDays").asInt());
        assertEquals("REPLY", extension.data().get("clock").asText());
    }
}
