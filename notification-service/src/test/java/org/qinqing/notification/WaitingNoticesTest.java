package org.qinqing.notification;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.qinqing.events.IdempotentConsumer;
import org.qinqing.notification.delivery.Delivery;
import org.qinqing.notification.inbox.InboxMessage;
import org.qinqing.notification.testing.LocalServers;
import org.qinqing.notification.testing.Samples;
import org.qinqing.platform.testing.RealInfrastructure;

/**
 * A notice whose recipient rests on a fact another topic brings waits for it, then goes out once to the right
 * recipient: one topic's consumer may be minutes ahead of another's (PLATFORM.md §4).
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(LocalServers.class)
class WaitingNoticesTest {

    @Inject
    IdempotentConsumer consumer;

    @Test
    @TestSecurity(user = "admin-1", roles = "admin")
    void anAdmin_seesWhatWaitsAndForWhichFact_untilTheFactIsApplied() throws Exception {
        UUID id = UUID.randomUUID();
        Samples.Raw infoRequested = Samples.raw("routing", "info-requested", id, 3, Map.of(
                "infoRequestId", UUID.randomUUID().toString(), "department", "HZ-JRB", "question", "请补充营业执照副本。"));
        Samples.publish(List.of(infoRequested));
        Samples.awaitApplied(consumer, List.of(UUID.fromString(infoRequested.id())));
        String mine = "find { it.grievanceId == '" + id + "' }.";
        String listed = given().when().get("/api/v1/admin/waiting-notices").then().statusCode(200)
                .body(mine + "eventId", equalTo(infoRequested.id()))
                .body(mine + "eventType", equalTo("cn.qinqing.routing.info-requested.v1"))
                .body(mine + "waitsFor", equalTo("SUBMITTER"))
                .extract().asString();
        assertTrue(!listed.contains("营业执照"), "what the event says is not shown");
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        double waiting = metrics.lines().filter(l -> l.startsWith("qinqing_notification_waiting_notices{waits_for=\"submitter\"}"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(-1);
        assertTrue(waiting >= 1, metrics.lines().filter(l -> l.contains("waiting")).toList().toString());
        given().queryParam("olderThan", "PT1H").when().get("/api/v1/admin/waiting-notices").then().statusCode(200)
                .body("grievanceId", not(hasItem(id.toString())));
        given().queryParam("olderThan", "an hour").when().get("/api/v1/admin/waiting-notices").then().statusCode(400)
                .body("errors.field", hasItem("olderThan"));
        given().queryParam("limit", 0).when().get("/api/v1/admin/waiting-notices").then().statusCode(400)
                .body("errors.field", hasItem("limit"));

        Samples.publish(List.of(Samples.raw("intake", "accepted", id, 2,
                Samples.accepted(RecipientRulesTest.uscc(), "QQ20261124000808", null, null))));
        await().atMost(Duration.ofSeconds(30)).until(() -> waiting(id) == 0);
        given().when().get("/api/v1/admin/waiting-notices").then().statusCode(200)
                .body("grievanceId", not(hasItem(id.toString())));
    }

    @Test
    @TestSecurity(user = "staff-1", roles = "dept-staff")
    void whatWaits_isForAdminsOnly() {
        given().when().get("/api/v1/admin/waiting-notices").then().statusCode(403);
    }

    @Test
    void infoRequestedBeforeAccepted_reachesTheEnterpriseOnce_whenAcceptedIsApplied() throws Exception {
        UUID id = UUID.randomUUID();
        String uscc = RecipientRulesTest.uscc();
        String phone = Samples.phone();
        String email = "wait" + Samples.tag() + "@qingyuan.example.cn";
        Samples.Raw infoRequested = Samples.raw("routing", "info-requested", id, 3, Map.of(
                "infoRequestId", UUID.randomUUID().toString(), "department", "HZ-JRB", "question", "请补充贷款申请受理回执。"));
        Samples.publish(List.of(infoRequested));
        Samples.awaitApplied(consumer, List.of(UUID.fromString(infoRequested.id())));
        assertEquals(List.of(), Samples.deliveries(id), "nobody is told while the enterprise is unknown");
        assertEquals(1L, waiting(id));

        Samples.Raw accepted = Samples.raw("intake", "accepted", id, 2, Samples.accepted(uscc, "QQ20261124000707", phone, email));
        Samples.publish(List.of(accepted));
        // receipt and info request, each by inbox, SMS and e-mail
        await().atMost(Duration.ofSeconds(30)).until(() -> Samples.deliveries(id).stream()
                .filter(d -> d.status == Delivery.Status.SENT).count() == 6);
        List<Delivery> infoRequests = Samples.deliveries(id).stream().filter(d -> d.kind.equals("info-requested")).toList();
        assertEquals(3, infoRequests.size(), infoRequests.toString());
        assertTrue(infoRequests.stream().allMatch(d -> d.recipient.equals("enterprise:" + uscc)), "never enterprise:null");
        InboxMessage message = QuarkusTransaction.requiringNew().call(() -> InboxMessage.<InboxMessage>find(
                "grievanceId = ?1 and kind = 'info-requested'", id).singleResult());
        assertEquals("enterprise:" + uscc, message.principal);
        assertTrue(message.body.contains("请补充贷款申请受理回执") && message.body.contains("QQ20261124000707"), message.body);
        assertEquals(0L, waiting(id));

        replayTwice(id, List.of(infoRequested, accepted), phone, email);
    }

    @Test
    void urgedBeforeDispatched_reachesTheLeadDepartmentOnce_whenDispatchedIsApplied() throws Exception {
        UUID id = UUID.randomUUID();
        String lead = "HZ-JRB-" + Samples.tag();
        String phone = Samples.phone();
        String email = "wait" + Samples.tag() + "@qingyuan.example.cn";
        Samples.Raw accepted = Samples.raw("intake", "accepted", id, 2,
                Samples.accepted(RecipientRulesTest.uscc(), "QQ20261124000808", phone, email));
        Samples.Raw reopenLimit = Samples.raw("intake", "reopen-limit-reached", id, 3, Map.of("rounds", 3));
        Samples.Raw urged = Samples.raw("deadline", "urged", id, 4, Samples.urged(null));
        Samples.Raw supervision = Samples.raw("deadline", "supervision-issued", id, 5, Samples.supervisionIssued(null));
        Samples.publish(List.of(accepted, reopenLimit, urged, supervision));
        Samples.awaitApplied(consumer, List.of(accepted, reopenLimit, urged, supervision).stream()
                .map(r -> UUID.fromString(r.id())).toList());
        assertEquals(Map.of("receipt", 3L), kinds(id), "only the receipt: the lead department is not known yet");
        assertEquals(3L, waiting(id));

        Samples.Raw dispatched = Samples.raw("routing", "dispatched", id, 1,
                Samples.dispatched(1, lead, "杭州市地方金融管理局", "330100", List.of()));
        Samples.publish(List.of(dispatched));
        Map<String, List<String>> told = await().atMost(Duration.ofSeconds(30)).until(() -> inApp(id),
                m -> m.keySet().containsAll(List.of("assignment", "urged", "supervision", "reopen-limit")));
        assertEquals(List.of("department:" + lead), told.get("urged"));
        assertEquals(List.of("department:" + lead), told.get("supervision"));
        assertEquals(List.of("supervisors:330100"), told.get("reopen-limit"), "the lead department's region, not the case's 330106");
        assertEquals(0L, waiting(id));

        replayTwice(id, List.of(accepted, reopenLimit, urged, supervision, dispatched), phone, email);
    }

    @Test
    void aTipOffsWaitingNotices_goToTheOversightBody_andNoEnterpriseIsTold() {
        UUID id = UUID.randomUUID();
        List<Samples.Raw> routing = List.of(
                Samples.raw("routing", "dispatched", id, 1, Samples.dispatched(1, "XH-JW", "西湖区纪委监委", "330106", List.of())),
                Samples.raw("routing", "info-requested", id, 2, Map.of("infoRequestId", UUID.randomUUID().toString(),
                        "department", "XH-JW", "question", "请补充线索。")),
                Samples.raw("routing", "extension-requested", id, 3, Map.of("department", "XH-JW", "clock", "REPLY",
                        "workingDays", 5, "reason", "需调取证据")));
        Samples.publish(routing);
        Samples.awaitApplied(consumer, routing.stream().map(r -> UUID.fromString(r.id())).toList());
        assertEquals(Map.of("assignment", List.of("department:XH-JW")), inApp(id), "the assignment needs nothing from intake");
        assertEquals(2L, waiting(id));

        Samples.publish("intake", "accepted", id, 2, Samples.acceptedTipOff(id, "QQ20261124000909"));
        Map<String, List<String>> told = await().atMost(Duration.ofSeconds(30)).until(() -> inApp(id),
                m -> m.containsKey("extension-requested"));
        assertEquals(List.of("oversight:330106"), told.get("extension-requested"));
        assertTrue(Samples.deliveries(id).stream().noneMatch(d -> d.kind.equals("info-requested")
                || d.recipient.startsWith("enterprise:") || d.recipient.startsWith("supervisors:")),
                "a tip-off's information request reaches no enterprise, its extension no supervisors");
        assertEquals(0L, waiting(id));
    }

    /** Replays the records as they were, then again after the consumer forgot it applied them: nothing new. */
    private void replayTwice(UUID id, List<Samples.Raw> records, String phone, String email) throws InterruptedException {
        await().atMost(Duration.ofSeconds(30)).until(() -> Samples.deliveries(id).stream()
                .noneMatch(d -> d.status == Delivery.Status.PENDING));
        Map<String, Long> before = ExactlyOnceTest.counts(id, phone, email);
        Samples.publish(records);
        Samples.awaitTopicsApplied();
        Thread.sleep(1500);
        assertEquals(before, ExactlyOnceTest.counts(id, phone, email), "redelivered events change nothing");

        QuarkusTransaction.requiringNew().run(() -> Delivery.getEntityManager()
                .createNativeQuery("DELETE FROM processed_event WHERE event_id IN (:ids)")
                .setParameter("ids", records.stream().map(r -> UUID.fromString(r.id())).toList()).executeUpdate());
        Samples.publish(records);
        Samples.awaitTopicsApplied();
        Thread.sleep(1500);
        assertEquals(before, ExactlyOnceTest.counts(id, phone, email), "re-applied events change nothing");
        assertEquals(0L, waiting(id));
    }

    private static long waiting(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> (Long) Delivery.getEntityManager().createNativeQuery(
                "SELECT count(*) FROM waiting_notice WHERE grievance_id = ?1", Long.class).setParameter(1, id).getSingleResult());
    }

    private static Map<String, Long> kinds(UUID id) {
        return Samples.deliveries(id).stream().collect(Collectors.groupingBy(d -> d.kind, Collectors.counting()));
    }

    /** Who has an inbox message, per notice kind. */
    private static Map<String, List<String>> inApp(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> InboxMessage.<InboxMessage>list("grievanceId = ?1 order by principal", id)
                .stream().collect(Collectors.groupingBy(m -> m.kind, Collectors.mapping(m -> m.principal, Collectors.toList()))));
    }
}
