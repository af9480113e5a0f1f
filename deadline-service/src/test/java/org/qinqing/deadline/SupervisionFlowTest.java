package org.qinqing.deadline;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.qinqing.deadline.supervision.SupervisorDecision;
import org.qinqing.platform.testing.RealInfrastructure;
import org.qinqing.platform.testing.TopicProbe;

@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class SupervisionFlowTest {

    static TopicProbe probe() {
        return new TopicProbe(RealInfrastructure.broker().bootstrapServers());
    }

    /** A help request dispatched to 杭州市金融管理局 on Monday 23 Nov 2026 at 09:00: reply due Mon 30 Nov 17:30. */
    static UUID dispatchedHelpRequest(TopicProbe probe) {
        UUID id = UUID.randomUUID();
        probe.publish("intake", "accepted", id, 2, Map.of("category", "HELP_REQUEST", "urgency", "NORMAL", "regionCode", "330106"));
        probe.publish("routing", "dispatched", id, 1, Map.of("occurredAt", "2026-11-23T01:00:00Z", "round", 1, "cause", "ACCEPTED",
                "lead", Map.of("code", "HZ-JRB", "kind", "ORDINARY", "level", "CITY", "region", "330100",
                        "regionChain", List.of("330100", "330000"))));
        return id;
    }

    static List<String> replyDueTimes(TopicProbe probe, UUID id, int count) {
        return probe.read("qinqing.deadline.events", Duration.ofSeconds(30),
                read -> read.stream().filter(e -> id.toString().equals(e.key()) && "REPLY".equals(e.data().path("clock").asText())
                        && e.type().endsWith("deadline-set.v1")).count() >= count)
                .stream().filter(e -> id.toString().equals(e.key()) && e.type().endsWith("deadline-set.v1")
                        && "REPLY".equals(e.data().path("clock").asText()))
                .map(e -> e.data().get("dueAt").asText() + " " + e.data().get("reason").asText()).toList();
    }

    @Test
    @TestSecurity(user = "supervisor-hz", roles = "supervisor")
    @OidcSecurity(claims = { @Claim(key = "region", value = "330100"), @Claim(key = "department", value = "HZ-YSB") })
    void pausedWhileAwaitingTheEnterprise_thenExtendedByTheSupervisor_movesTheDueTimeEachTime() {
        UUID id;
        try (TopicProbe probe = probe()) {
            id = dispatchedHelpRequest(probe);
            // paused for all of Tuesday 24 Nov (7 office hours)
            probe.publish("routing", "info-requested", id, 2, Map.of("occurredAt", "2026-11-24T01:00:00Z", "question", "请补充贷款合同"));
            probe.publish("intake", "supplemented", id, 3, Map.of("occurredAt", "2026-11-25T01:00:00Z"));
            probe.publish("routing", "extension-requested", id, 3, Map.of("extensionRequestId", UUID.randomUUID().toString(),
                    "department", "HZ-JRB", "clock", "REPLY", "workingDays", 3, "reason", "需银行复核"));
            assertEquals(List.of("2026-11-30T09:30:00Z STARTED", "2026-12-01T09:30:00Z RESUMED"), replyDueTimes(probe, id, 2));
        }
        UUID decision = await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(() ->
                SupervisorDecision.<SupervisorDecision>find("grievanceId", id).firstResultOptional().map(d -> d.id).orElse(null)),
                java.util.Objects::nonNull);
        given().when().get("/api/v1/deadline/decisions").then().statusCode(200)
                .body("find { it.id == '" + decision + "' }.kind", equalTo("EXTENSION"));
        given().contentType("application/json").body(Map.of("decision", "REASSIGN", "reason", "不适用"))
                .when().post("/api/v1/deadline/decisions/" + decision).then().statusCode(422);
        given().contentType("application/json").body(Map.of("decision", "APPROVED", "reason", "理由充分"))
                .when().post("/api/v1/deadline/decisions/" + decision).then().statusCode(200).body("decision", equalTo("APPROVED"));
        given().contentType("application/json").body(Map.of("decision", "REJECTED", "reason", "再议"))
                .when().post("/api/v1/deadline/decisions/" + decision).then().statusCode(409);
        try (TopicProbe probe = probe()) {
            assertEquals("2026-12-04T09:30:00Z EXTENDED", replyDueTimes(probe, id, 3).get(2));
            TopicProbe.Event decided = probe.read("qinqing.deadline.events", Duration.ofSeconds(10),
                    read -> read.stream().anyMatch(e -> e.type().endsWith("extension-decided.v1") && id.toString().equals(e.key())))
                    .stream().filter(e -> e.type().endsWith("extension-decided.v1") && id.toString().equals(e.key())).findFirst().orElseThrow();
            assertEquals("APPROVED", decided.data().get("decision").asText());
            assertEquals("supervisor", decided.data().at("/actor/role").asText());
        }
    }

    @Test
    @TestSecurity(user = "supervisor-nb", roles = "supervisor")
    @OidcSecurity(claims = { @Claim(key = "region", value = "330200"), @Claim(key = "department", value = "NB-YSB") })
    void aSupervisorOfAnotherCity_seesNeitherTheDecisionNorTheCase() {
        UUID id;
        try (TopicProbe probe = probe()) {
            id = dispatchedHelpRequest(probe);
            probe.publish("routing", "extension-requested", id, 2, Map.of("extensionRequestId", UUID.randomUUID().toString(),
                    "department", "HZ-JRB", "clock", "REPLY", "workingDays", 2, "reason", "需复核"));
        }
        UUID decision = await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(() ->
                SupervisorDecision.<SupervisorDecision>find("grievanceId", id).firstResultOptional().map(d -> d.id).orElse(null)),
                java.util.Objects::nonNull);
        given().when().get("/api/v1/deadline/decisions").then().statusCode(200)
                .body("id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(decision.toString())));
        given().contentType("application/json").body(Map.of("decision", "APPROVED", "reason", "同意"))
                .when().post("/api/v1/deadline/decisions/" + decision).then().statusCode(404);
        given().contentType("application/json").body(Map.of("text", "请加快办理"))
                .when().post("/api/v1/deadline/cases/" + id + "/urgings").then().statusCode(404);
        given().when().get("/api/v1/deadline/ledger").then().statusCode(200)
                .body("grievanceId", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(id.toString())));
    }

    @Test
    void aSupplementAppliedBeforeTheRequestItAnswers_stillMovesTheDueTimeOnce() {
        try (TopicProbe probe = probe()) {
            UUID id = dispatchedHelpRequest(probe);
            probe.publish("intake", "supplemented", id, 3, Map.of("occurredAt", "2026-11-25T01:00:00Z"));
            await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(() -> {
                org.qinqing.deadline.clock.GrievanceCase c = org.qinqing.deadline.clock.GrievanceCase.findById(id);
                return c != null && c.lastSupplementedAt != null;
            }));
            probe.publish("routing", "info-requested", id, 2, Map.of("occurredAt", "2026-11-24T01:00:00Z", "question", "请补充贷款合同"));
            assertEquals(List.of("2026-11-30T09:30:00Z STARTED", "2026-12-01T09:30:00Z RESUMED"), replyDueTimes(probe, id, 2));
            assertEquals(org.qinqing.deadline.clock.Clock.Status.RUNNING, QuarkusTransaction.requiringNew().call(() ->
                    org.qinqing.deadline.clock.Clock.<org.qinqing.deadline.clock.Clock>find("grievanceId = ?1 and kind = ?2", id,
                            org.qinqing.deadline.clock.Clock.Kind.REPLY).firstResult().status));
        }
    }

    @Test
    @TestSecurity(user = "supervisor-hz", roles = "supervisor")
    @OidcSecurity(claims = { @Claim(key = "region", value = "330100"), @Claim(key = "department", value = "HZ-YSB") })
    void supervision_makesTheCompletionDateTheDueTime_andTheLedgerListsOnlyTheRegionsOverdueCases() {
        UUID id;
        try (TopicProbe probe = probe()) {
            id = dispatchedHelpRequest(probe);
            replyDueTimes(probe, id, 1);
        }
        // a Wednesday two weeks ahead: a completion date must not be in the past, whenever the test runs
        java.time.LocalDate completion = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).plusWeeks(2)
                .with(java.time.temporal.TemporalAdjusters.nextOrSame(java.time.DayOfWeek.WEDNESDAY));
        given().contentType("application/json").body(Map.of("text", "请按期办结", "completionDate", completion.toString()))
                .when().post("/api/v1/deadline/cases/" + id + "/supervision")
                .then().statusCode(200).body("dueAt", equalTo(completion + "T09:30:00Z"));
        given().contentType("application/json").body(Map.of("text", "请加快办理"))
                .when().post("/api/v1/deadline/cases/" + id + "/urgings").then().statusCode(200);
        try (TopicProbe probe = probe()) {
            assertEquals(completion + "T09:30:00Z SUPERVISION", replyDueTimes(probe, id, 2).get(1));
            List<TopicProbe.Event> events = probe.read("qinqing.deadline.events", Duration.ofSeconds(10),
                    read -> read.stream().filter(e -> id.toString().equals(e.key()) && e.type().endsWith("urged.v1")).count() == 1)
                    .stream().filter(e -> id.toString().equals(e.key())).toList();
            List<String> types = events.stream().map(e -> e.type().split("\\.")[3]).toList();
            org.junit.jupiter.api.Assertions.assertTrue(types.containsAll(List.of("supervision-issued", "urged")), types.toString());
            // both name the department handling the case, so a re-dispatch in between does not redirect them
            events.stream().filter(e -> e.type().endsWith("urged.v1") || e.type().endsWith("supervision-issued.v1"))
                    .forEach(e -> assertEquals("HZ-JRB", e.data().path("department").asText(), e.type()));
        }
        java.time.Instant start = WorkingCalendarTest.china("2026-11-02T09:00");
        java.time.Instant due = WorkingCalendarTest.china("2026-11-09T17:30");
        UUID hangzhou = EscalationLadderTest.overdueClock("DISTRICT", new String[] { "330106", "330100", "330000" }, start, due);
        UUID ningbo = EscalationLadderTest.overdueClock("DISTRICT", new String[] { "330205", "330200", "330000" }, start, due);
        QuarkusTransaction.requiringNew().run(() -> {
            org.qinqing.deadline.clock.GrievanceCase c = new org.qinqing.deadline.clock.GrievanceCase();
            c.grievanceId = ningbo;
            c.leadRegion = "330205";
            c.persist();
        });
        given().when().get("/api/v1/deadline/ledger").then().statusCode(200)
                .body("grievanceId", org.hamcrest.Matchers.hasItem(hangzhou.toString()))
                .body("grievanceId", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(ningbo.toString())))
                .body("find { it.grievanceId == '" + hangzhou + "' }.workingDaysOverdue", org.hamcrest.Matchers.greaterThan(9));
        given().contentType("application/json").body(Map.of("text", "请加快办理"))
                .when().post("/api/v1/deadline/cases/" + ningbo + "/urgings").then().statusCode(404);
    }
}
