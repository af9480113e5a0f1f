package org.qinqing.intake;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.qinqing.events.IdempotentConsumer;
import org.qinqing.intake.grievance.Grievance;
import org.qinqing.intake.grievance.GrievanceStatus;
import org.qinqing.intake.grievance.TimelineEntry;
import org.qinqing.platform.testing.RealInfrastructure;
import org.qinqing.platform.testing.TopicProbe;

@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class ApplyingEventsTest {

    @Inject
    IdempotentConsumer consumer;

    static final String USCC = SubmittingGrievanceTest.USCC;

    @Test
    @TestSecurity(user = "ent-hz", roles = "enterprise")
    @OidcSecurity(claims = @Claim(key = "uscc", value = USCC))
    void deadlineSetBeforeDispatched_bothApply_andTheCaseShowsDepartmentAndDueTime() {
        UUID id = StoredGrievances.accepted(USCC);
        try (TopicProbe probe = new TopicProbe(RealInfrastructure.broker().bootstrapServers())) {
            probe.publish("deadline", "deadline-set", id, 2, Map.of("clock", "REPLY", "dueAt", "2026-12-08T09:30:00Z",
                    "provisional", false, "department", "HZ-JRB"));
            probe.publish("routing", "dispatched", id, 1, Map.of("round", 1, "reason", "规则 R-FIN-HZ 匹配",
                    "lead", Map.of("code", "HZ-JRB", "name", "杭州市地方金融管理局", "kind", "ORDINARY", "level", "CITY",
                            "region", "330100", "regionChain", new String[] { "330100", "330000" })));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().when().get("/api/v1/grievances/" + id)
                .then().statusCode(200)
                .body("status", equalTo("DISPATCHED"))
                .body("leadDepartment.code", equalTo("HZ-JRB"))
                .body("due.reply", equalTo("2026-12-08T09:30:00Z")));
    }

    @Test
    void theSameEventTwice_isAppliedOnce() {
        UUID id = StoredGrievances.accepted(USCC);
        try (TopicProbe probe = new TopicProbe(RealInfrastructure.broker().bootstrapServers())) {
            String eventId = UUID.randomUUID().toString();
            String data = "{\"grievanceId\":\"" + id + "\",\"sequence\":1,\"occurredAt\":\"2026-11-24T02:00:00Z\","
                    + "\"actor\":{\"role\":\"system\"},\"round\":1,\"reason\":\"规则匹配\","
                    + "\"lead\":{\"code\":\"XH-SCJG\",\"name\":\"西湖区市场监管局\"}}";
            for (int i = 0; i < 2; i++) {
                probe.publishRaw("qinqing.routing.events", id.toString(), eventId, "cn.qinqing.routing.dispatched.v1",
                        "/qinqing/routing", data);
            }
            // a later event of the same grievance sits behind both copies on the same partition
            UUID later = UUID.fromString(probe.publish("routing", "note-added", id, 2, Map.of("text", "已联系企业")));
            await().atMost(Duration.ofSeconds(30)).until(() -> consumer.applied(later));
        }
        assertEquals(GrievanceStatus.DISPATCHED, Grievance.<Grievance>findById(id).status);
        assertEquals(1, TimelineEntry.count("grievanceId = ?1 and step = 'dispatched'", id));
    }

    @Test
    void theDepartmentsWork_movesTheCase_andALateEventIsRecordedWithoutChangingIt() {
        UUID id = StoredGrievances.accepted(USCC);
        UUID last;
        try (TopicProbe probe = new TopicProbe(RealInfrastructure.broker().bootstrapServers())) {
            probe.publish("routing", "dispatched", id, 1, Map.of("round", 1, "reason", "规则匹配",
                    "lead", Map.of("code", "XH-SCJG", "name", "西湖区市场监督管理局")));
            probe.publish("routing", "signed", id, 2, Map.of("department", "XH-SCJG", "round", 1));
            probe.publish("routing", "note-added", id, 3, Map.of("department", "XH-SCJG", "text", "内部研判", "visibility", "INTERNAL"));
            probe.publish("routing", "replied", id, 4, Map.of("department", "XH-SCJG", "round", 1, "text", "已责令退还费用"));
            last = UUID.fromString(probe.publish("routing", "signed", id, 5, Map.of("department", "XH-SCJG", "round", 1)));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> consumer.applied(last));
        assertEquals(GrievanceStatus.REPLIED, Grievance.<Grievance>findById(id).status);
        java.util.List<TimelineEntry> timeline = TimelineEntry.list("grievanceId = ?1 order by id", id);
        assertEquals(java.util.List.of("dispatched", "signed", "note-added", "replied", "signed"),
                timeline.stream().map(e -> e.step).toList());
        assertEquals(true, timeline.get(2).internal, "an internal note stays internal");
        assertEquals(GrievanceStatus.REPLIED, timeline.get(4).statusAfter, "the late signed changed nothing");
        org.junit.jupiter.api.Assertions.assertTrue(timeline.get(4).detail.contains("不变"), timeline.get(4).detail);
    }
}
