package org.qinqing.intake;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.qinqing.intake.grievance.Grievance;
import org.qinqing.intake.grievance.GrievanceStatus;
import org.qinqing.platform.testing.RealInfrastructure;
import org.qinqing.platform.testing.TopicProbe;

@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class EnterpriseCommandsTest {

    static final String USCC = SubmittingGrievanceTest.USCC;

    static TopicProbe probe() {
        return new TopicProbe(RealInfrastructure.broker().bootstrapServers());
    }

    static GrievanceStatus status(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> Grievance.<Grievance>findById(id).status);
    }

    /** A case the department signed, then asked the enterprise about. */
    static UUID awaitingTheEnterprise(UUID infoRequestId) {
        UUID id = StoredGrievances.accepted(USCC);
        try (TopicProbe probe = probe()) {
            probe.publish("routing", "dispatched", id, 1, Map.of("round", 1, "lead", Map.of("code", "HZ-JRB", "name", "杭州市地方金融管理局")));
            probe.publish("routing", "signed", id, 2, Map.of("department", "HZ-JRB"));
            probe.publish("routing", "note-added", id, 3, Map.of("department", "HZ-JRB", "text", "内部：怀疑材料不全", "visibility", "INTERNAL"));
            probe.publish("routing", "note-added", id, 4, Map.of("department", "HZ-JRB", "text", "已联系银行", "visibility", "ENTERPRISE"));
            probe.publish("routing", "info-requested", id, 5, Map.of("department", "HZ-JRB", "question", "请补充贷款合同",
                    "infoRequestId", infoRequestId.toString()));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> status(id) == GrievanceStatus.AWAITING_ENTERPRISE);
        return id;
    }

    @Test
    @TestSecurity(user = "ent-hz", roles = "enterprise")
    @OidcSecurity(claims = @Claim(key = "uscc", value = USCC))
    void aSupplementAnswersTheOpenRequest_andTheCaseGoesBackToTheDepartment() {
        UUID infoRequest = UUID.randomUUID();
        UUID id = awaitingTheEnterprise(infoRequest);
        given().contentType("application/json").body(Map.of("text", ""))
                .when().post("/api/v1/grievances/" + id + "/supplements")
                .then().statusCode(400).body("errors[0].field", equalTo("text"));
        given().contentType("application/json").body(Map.of("text", "贷款合同已上传，编号 HT-2026-001"))
                .when().post("/api/v1/grievances/" + id + "/supplements")
                .then().statusCode(200).body("status", equalTo("IN_PROGRESS"));
        try (TopicProbe probe = probe()) {
            TopicProbe.Event supplemented = probe.read("qinqing.intake.events", Duration.ofSeconds(30),
                    read -> read.stream().anyMatch(e -> id.toString().equals(e.key()) && e.type().endsWith("supplemented.v1")))
                    .stream().filter(e -> id.toString().equals(e.key()) && e.type().endsWith("supplemented.v1")).findFirst().orElseThrow();
            assertEquals(infoRequest.toString(), supplemented.data().get("infoRequestId").asText());
            assertEquals("贷款合同已上传，编号 HT-2026-001", supplemented.data().get("text").asText());
        }
    }

    @Test
    @TestSecurity(user = "ent-hz", roles = "enterprise")
    @OidcSecurity(claims = @Claim(key = "uscc", value = USCC))
    void theTimeline_showsEveryStepWithRoleAndUnit_butNotTheInternalNotes() {
        UUID id = awaitingTheEnterprise(UUID.randomUUID());
        given().when().get("/api/v1/grievances/" + id + "/timeline")
                .then().statusCode(200)
                .body("step", equalTo(java.util.List.of("dispatched", "signed", "note-added", "info-requested")))
                .body("detail", hasItem("已联系银行"))
                .body("detail", not(hasItem("内部：怀疑材料不全")))
                .body("[3].statusAfter", equalTo("AWAITING_ENTERPRISE"));
    }

    @Test
    @TestSecurity(user = "ent-hz", roles = "enterprise")
    @OidcSecurity(claims = @Claim(key = "uscc", value = USCC))
    void withdrawal_isPossibleBeforeTheReply_onceOnly_andNeverAfterAReply() {
        UUID id = StoredGrievances.accepted(USCC);
        given().contentType("application/json").body(Map.of("reason", "问题已自行解决"))
                .when().post("/api/v1/grievances/" + id + "/withdrawal")
                .then().statusCode(200).body("status", equalTo("WITHDRAWN"));
        given().contentType("application/json").body(Map.of("reason", "再次撤回"))
                .when().post("/api/v1/grievances/" + id + "/withdrawal")
                .then().statusCode(409).body("currentStatus", equalTo("WITHDRAWN"));

        UUID replied = awaitingTheEnterprise(UUID.randomUUID());
        given().contentType("application/json").body(Map.of("text", "已补充"))
                .when().post("/api/v1/grievances/" + replied + "/supplements").then().statusCode(200);
        try (TopicProbe probe = probe()) {
            probe.publish("routing", "replied", replied, 6, Map.of("department", "HZ-JRB", "text", "已解决"));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> status(replied) == GrievanceStatus.REPLIED);
        given().contentType("application/json").body(Map.of("reason", "不想等了"))
                .when().post("/api/v1/grievances/" + replied + "/withdrawal")
                .then().statusCode(409).body("currentStatus", equalTo("REPLIED"));
    }

    @Test
    @TestSecurity(user = "ent-nb", roles = "enterprise")
    @OidcSecurity(claims = @Claim(key = "uscc", value = "91330205MA2H7K8L9F"))
    void anotherEnterprise_canNeitherReadTheTimelineNorActOnTheCase() {
        UUID id = StoredGrievances.accepted(USCC);
        given().when().get("/api/v1/grievances/" + id + "/timeline").then().statusCode(404);
        given().contentType("application/json").body(Map.of("reason", "恶意撤回"))
                .when().post("/api/v1/grievances/" + id + "/withdrawal").then().statusCode(404);
        assertEquals(GrievanceStatus.ACCEPTED, status(id));
    }
}
