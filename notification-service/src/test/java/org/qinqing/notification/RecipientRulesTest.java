package org.qinqing.notification;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.qinqing.events.ReceivedEvent;
import org.qinqing.notification.channel.ChannelKind;
import org.qinqing.notification.delivery.DeadLetter;
import org.qinqing.notification.delivery.Delivery;
import org.qinqing.notification.inbox.InboxMessage;
import org.qinqing.notification.recipient.DirectoryEvents;
import org.qinqing.notification.recipient.Recipients;
import org.qinqing.notification.template.NoticeKind;
import org.qinqing.notification.testing.FakeGateway;
import org.qinqing.notification.testing.LocalServers;
import org.qinqing.notification.testing.Samples;
import org.qinqing.platform.testing.RealInfrastructure;

/** Who is told what (PLATFORM.md §5): liaison copies, tip-off reporters, staff, supervisors, operators. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(LocalServers.class)
class RecipientRulesTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Recipients recipients;
    @Inject
    DirectoryEvents directoryEvents;

    static String uscc() {
        return "913301" + Samples.tag() + "ABCDE";
    }

    static List<String> smsTexts(String phone) {
        return LocalServers.gateway().requests("/sms", phone).stream().map(r -> {
            try {
                return JSON.readTree(r.form().get("TemplateParam")).get("content").asText();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    @Test
    void theLiaisonOfficerIsCopiedOnHisEnterprisesCase_butNeverGetsTheRatingLink() {
        String uscc = uscc();
        String liaisonPhone = Samples.phone();
        Samples.publish("routing", "liaison-changed", UUID.randomUUID(), 1, Map.of("uscc", uscc, "officialName", "李明",
                "title", "副区长", "department", "XH-GOV", "phone", liaisonPhone, "email", "liming@xihu.example.gov.cn",
                "removed", false));
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> org.qinqing.notification.recipient.Recipient.findById("liaison:" + uscc)) != null);
        UUID id = UUID.randomUUID();
        String enterprisePhone = Samples.phone();
        Samples.publish("intake", "accepted", id, 2, Samples.accepted(uscc, "QQ20261124000101", enterprisePhone, null));
        Samples.publish("routing", "replied", id, 5, Map.of("replyId", UUID.randomUUID().toString(), "department", "HZ-JRB",
                "round", 1, "text", "已协调合作银行于本周内完成审批。", "attachments", List.of(), "coHandlingInputs", List.of()));
        String link = "https://qinqing.example.gov.cn/rate/" + Samples.tag() + "tokenpart";
        Samples.publish("intake", "rating-invited", id, 6, Map.of("link", link, "expiresAt", "2026-12-08T09:30:00Z"));

        await().atMost(Duration.ofSeconds(30)).until(() -> smsTexts(liaisonPhone).size() >= 2 && smsTexts(enterprisePhone).size() >= 2);
        List<String> copies = smsTexts(liaisonPhone);
        assertTrue(copies.stream().allMatch(t -> t.startsWith("【抄送】") || t.startsWith("(1/")), copies.toString());
        assertTrue(copies.stream().noneMatch(t -> t.contains("tokenpart")), "the copy carries no rating link: " + copies);
        String enterpriseTexts = String.join("", smsTexts(enterprisePhone).stream().map(t -> t.replaceAll("^\\(\\d/\\d\\)", ""))
                .toList());
        assertTrue(enterpriseTexts.contains(link), enterpriseTexts);
        InboxMessage reply = QuarkusTransaction.requiringNew().call(() -> InboxMessage.<InboxMessage>find(
                "grievanceId = ?1 and kind = 'reply'", id).firstResult());
        assertTrue(reply.body.contains("已协调合作银行于本周内完成审批") && reply.body.contains(link), reply.body);
        assertTrue(reply.body.contains("2026-12-08 17:30"), reply.body);

        Samples.publish("routing", "liaison-changed", UUID.randomUUID(), 2, Map.of("uscc", uscc, "removed", true));
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> org.qinqing.notification.recipient.Recipient.findById("liaison:" + uscc)) == null);
    }

    /**
     * A consumer applies a poll in one transaction, and what notices read about a recipient is read once in it
     * ({@code RecipientDirectory}): a liaison officer named earlier in the same poll must be reached at once.
     */
    @Test
    void aLiaisonOfficerNamedEarlierInTheSameTransaction_isReachedAtTheAddressJustGiven() {
        String uscc = uscc();
        String principal = "liaison:" + uscc;
        String phone = Samples.phone();
        Samples.Raw named = Samples.raw("routing", "liaison-changed", UUID.randomUUID(), 1, Map.of("uscc", uscc,
                "officialName", "张华", "phone", phone, "email", "zhanghua@xihu.example.gov.cn", "removed", false));
        ConsumerRecord<String, String> record = new ConsumerRecord<>(named.topic(), 0, 0L, uscc, named.data());
        record.headers().add("ce_id", named.id().getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_type", named.type().getBytes(StandardCharsets.UTF_8));
        ReceivedEvent event = ReceivedEvent.from(record, JSON);

        Map<ChannelKind, String> before = QuarkusTransaction.requiringNew().call(() -> {
            Map<ChannelKind, String> unknown = addresses(principal);
            directoryEvents.onLiaisonChanged(event);
            Map<ChannelKind, String> known = addresses(principal);
            assertEquals(Map.of(ChannelKind.SMS, phone, ChannelKind.EMAIL, "zhanghua@xihu.example.gov.cn"), known,
                    "read again after the directory event in the same transaction");
            return unknown;
        });
        assertEquals(Map.of(), before, "no address before he was named");
    }

    /**
     * What notices read about a recipient is kept between transactions ({@code RecipientDirectory}); a change an admin
     * makes in a transaction of its own is seen by the next transaction that looks, and a removed subscription is gone.
     */
    @Test
    @TestSecurity(user = "admin-keeps", roles = "admin")
    void aRecipientChangedByAnAdmin_isReadAnewByTheNextTransaction() {
        String principal = "department:KEEP-" + Samples.tag();
        String path = "/api/v1/admin/recipients/" + principal;
        given().contentType(ContentType.JSON).body(Map.of("email", "first@keep.example.cn", "channels", Map.of("*", List.of("EMAIL"))))
                .when().put(path).then().statusCode(200);
        assertEquals(Map.of(ChannelKind.EMAIL, "first@keep.example.cn"), QuarkusTransaction.requiringNew().call(() -> addresses(principal)));
        assertEquals(Map.of(ChannelKind.EMAIL, "first@keep.example.cn"), QuarkusTransaction.requiringNew().call(() -> addresses(principal)),
                "read again, from what was kept");

        String phone = Samples.phone();
        given().contentType(ContentType.JSON).body(Map.of("email", "second@keep.example.cn", "phone", phone,
                "channels", Map.of("*", List.of("EMAIL", "SMS", "IN_APP")))).when().put(path).then().statusCode(200);
        assertEquals(Map.of(ChannelKind.EMAIL, "second@keep.example.cn", ChannelKind.SMS, phone, ChannelKind.IN_APP, principal),
                QuarkusTransaction.requiringNew().call(() -> addresses(principal)));

        assertEquals(List.of(), QuarkusTransaction.requiringNew().call(() -> recipients.webhooks(principal)));
        String id = given().contentType(ContentType.JSON).body(Map.of("name", "对接系统", "principal", principal,
                "url", "http://127.0.0.1:9/hook", "kinds", List.of("warning"))).when().post("/api/v1/admin/webhooks")
                .then().statusCode(201).extract().path("id");
        assertEquals(List.of("http://127.0.0.1:9/hook"), QuarkusTransaction.requiringNew()
                .call(() -> recipients.webhooks(principal).stream().map(w -> w.url()).toList()));
        given().when().delete("/api/v1/admin/webhooks/" + id).then().statusCode(204);
        assertEquals(List.of(), QuarkusTransaction.requiringNew().call(() -> recipients.webhooks(principal)));
    }

    private Map<ChannelKind, String> addresses(String principal) {
        return recipients.targets(principal, NoticeKind.ASSIGNMENT, null).stream()
                .collect(Collectors.toMap(Recipients.Target::channel, Recipients.Target::address));
    }

    @Test
    void aTipOffsReporter_getsReceiptAndRatingLink_atTheContactIntakeGives_andNothingIsStored() {
        UUID id = UUID.randomUUID();
        String phone = Samples.phone();
        String email = "reporter" + Samples.tag() + "@mail.example.cn";
        LocalServers.gateway().reporterContact(id, "{\"name\":\"王某\",\"phone\":\"" + phone + "\",\"email\":\"" + email + "\"}");
        Samples.publish("intake", "accepted", id, 2, Samples.acceptedTipOff(id, "QQ20261124000202"));
        await().atMost(Duration.ofSeconds(30)).until(() -> smsTexts(phone).size() == 1);
        assertTrue(smsTexts(phone).get(0).contains("QQ20261124000202"));

        FakeGateway.Request call = LocalServers.gateway().requests("/internal/v1/grievances/" + id + "/reporter-contact", null).get(0);
        assertEquals("Bearer service-account-token", call.header("Authorization"), "a client-credentials token");
        assertEquals("purpose=RECEIPT", call.query(), "the purpose goes into intake's access audit");
        FakeGateway.Request tokenRequest = LocalServers.gateway().requestsUnder("/realms/qinqing/protocol/openid-connect/token").get(0);
        assertTrue(tokenRequest.body().contains("grant_type=client_credentials"), tokenRequest.body());

        Samples.publish("routing", "replied", id, 4, Map.of("department", "XH-JW", "round", 1, "text", "经查属实，已立案处理。"));
        Samples.publish("intake", "rating-invited", id, 5, Map.of("link", "https://qinqing.example.gov.cn/rate/tip" + id,
                "expiresAt", "2026-12-08T09:30:00Z"));
        await().atMost(Duration.ofSeconds(30)).until(() -> Samples.deliveries(id).stream()
                .filter(d -> d.status == Delivery.Status.SENT).count() == 4);
        List<Delivery> deliveries = Samples.deliveries(id);
        assertTrue(deliveries.stream().allMatch(d -> d.recipient.equals("reporter:" + id)), "the reporter only: no liaison, no inbox");
        assertTrue(deliveries.stream().allMatch(d -> d.address == null), "the reporter's contact is never stored");
        assertEquals(Map.of("receipt", 2L, "reply", 2L), deliveries.stream().collect(Collectors.groupingBy(d -> d.kind, Collectors.counting())));
        String texts = String.join("", smsTexts(phone));
        assertTrue(texts.contains("tip" + id.toString().substring(0, 8)), texts);
        assertTrue(java.util.Arrays.stream(LocalServers.mail().getReceivedMessages()).anyMatch(m -> addressedTo(m, email)));
        Long stored = QuarkusTransaction.requiringNew().call(() -> (Long) Delivery.getEntityManager().createNativeQuery(
                "SELECT count(*) FROM case_recipient WHERE grievance_id = ?1 AND (contact_phone IS NOT NULL OR uscc IS NOT NULL)",
                Long.class).setParameter(1, id).getSingleResult());
        assertEquals(0L, stored);
    }

    @Test
    void anAnonymousReporter_isSkipped_noDeadLetter() {
        UUID id = UUID.randomUUID();
        Samples.publish("intake", "accepted", id, 2, Samples.acceptedTipOff(id, "QQ20261124000303"));
        await().atMost(Duration.ofSeconds(30)).until(() -> Samples.deliveries(id).stream()
                .filter(d -> d.status == Delivery.Status.SKIPPED).count() == 2);
        Delivery sms = Samples.delivery(id, ChannelKind.SMS, "reporter:");
        assertEquals("the reporter left no phone number", sms.lastError);
        assertEquals(0L, QuarkusTransaction.requiringNew().call(() -> DeadLetter.count("deliveryId", sms.id)));
    }

    @Test
    void staffAndSupervisors_hearOfTheirWork() {
        UUID id = UUID.randomUUID();
        String lead = "HZ-JRB";
        String co = "HZ-SWJ-" + Samples.tag();
        Samples.publish("intake", "accepted", id, 2, Samples.accepted(Samples.USCC, "QQ20261124000404", null, null));
        Samples.publish("routing", "dispatched", id, 1, Samples.dispatched(1, lead, "杭州市地方金融管理局", "330100",
                List.of(Samples.department(co, "杭州市商务局", "330100"))));
        // what deadline and intake say of the case comes after the dispatch in life; the topics do not order it
        await().atMost(Duration.ofSeconds(30)).until(() -> principalsByKind(id).containsKey("assignment"));
        Samples.publish("routing", "co-handling-requested", id, 2, Map.of("coHandlingInputId", UUID.randomUUID().toString(),
                "department", co, "requestedBy", lead, "question", "请提供该企业外贸备案情况。"));
        Samples.publish("routing", "extension-requested", id, 3, Map.of("extensionRequestId", UUID.randomUUID().toString(),
                "department", lead, "clock", "REPLY", "workingDays", 3, "reason", "需银行总行审批"));
        Samples.publish("deadline", "urged", id, 1, Samples.urged(null));
        Samples.publish("deadline", "supervision-issued", id, 2, Samples.supervisionIssued(null));
        Samples.publish("routing", "return-escalated", id, 4, Map.of("returns", List.of(
                Map.of("department", lead, "reason", "不属本单位职责", "basis", "三定方案"),
                Map.of("department", co, "reason", "非本单位", "basis", "职责清单")), "regionCode", "330106", "region", "330100"));
        Samples.publish("intake", "reopen-limit-reached", id, 3, Map.of("rounds", 3));
        Samples.publish("routing", "manual-dispatch-required", id, 5, Map.of("reason", "无匹配规则", "regionCode", "330106"));

        Map<String, List<String>> told = await().atMost(Duration.ofSeconds(30)).until(() -> principalsByKind(id),
                m -> m.keySet().containsAll(List.of("assignment", "co-handling", "extension-requested", "urged", "supervision",
                        "return-escalated", "reopen-limit", "manual-dispatch")));
        assertEquals(List.of("department:" + lead, "department:" + co), told.get("assignment"));
        assertEquals(List.of("department:" + co), told.get("co-handling"));
        assertEquals(List.of("supervisors:330100"), told.get("extension-requested"));
        assertEquals(List.of("department:" + lead), told.get("urged"));
        assertEquals(List.of("department:" + lead), told.get("supervision"));
        assertEquals(List.of("supervisors:330100"), told.get("return-escalated"));
        assertEquals(List.of("supervisors:330100"), told.get("reopen-limit"));
        assertEquals(List.of("operators:330106"), told.get("manual-dispatch"));
    }

    @Test
    void anUrgingAppliedAfterARedispatch_reachesTheDepartmentItWasIssuedTo() {
        UUID id = UUID.randomUUID();
        String first = "HZ-JRB";
        String next = "HZ-YSB-" + Samples.tag();
        Samples.publish("intake", "accepted", id, 2, Samples.accepted(Samples.USCC, "QQ20261124000606", null, null));
        Samples.publish("routing", "dispatched", id, 1, Samples.dispatched(1, first, "杭州市地方金融管理局", "330100", List.of()));
        Samples.publish("routing", "dispatched", id, 2, Samples.dispatched(2, next, "杭州市经济和信息化局", "330100", List.of()));
        await().atMost(Duration.ofSeconds(30)).until(() -> principalsByKind(id).getOrDefault("assignment", List.of())
                .contains("department:" + next));
        Samples.publish("deadline", "urged", id, 1, Samples.urged(first));
        Samples.publish("deadline", "supervision-issued", id, 2, Samples.supervisionIssued(next));
        Map<String, List<String>> told = await().atMost(Duration.ofSeconds(30)).until(() -> principalsByKind(id),
                m -> m.keySet().containsAll(List.of("urged", "supervision")));
        assertEquals(List.of("department:" + first), told.get("urged"));
        assertEquals(List.of("department:" + next), told.get("supervision"));
    }

    @Test
    void aTipOffsDecisionsGoToTheOversightBody() {
        UUID id = UUID.randomUUID();
        Samples.publish("intake", "accepted", id, 2, Samples.acceptedTipOff(id, "QQ20261124000505"));
        await().atMost(Duration.ofSeconds(30)).until(() -> !Samples.deliveries(id).isEmpty());
        Samples.publish("routing", "dispatched", id, 1, Samples.dispatched(1, "XH-JW", "西湖区纪委监委", "330106", List.of()));
        Samples.publish("routing", "extension-requested", id, 2, Map.of("department", "XH-JW", "clock", "REPLY",
                "workingDays", 5, "reason", "需调取证据"));
        Map<String, List<String>> told = await().atMost(Duration.ofSeconds(30)).until(() -> principalsByKind(id),
                m -> m.containsKey("extension-requested"));
        assertEquals(List.of("oversight:330106"), told.get("extension-requested"));
        assertFalse(told.containsKey("dispatched"), "a tip-off's reporter is not told of the dispatch");
    }

    @Test
    @TestSecurity(user = "admin-1", roles = "admin")
    void recipientsAreKeptByAdmins_badInputIsAProblem_andOthersMayNot() {
        String principal = "department:ADM-" + Samples.tag();
        given().contentType(ContentType.JSON).body(Map.of("email", "not-an-address", "channels", Map.of("*", List.of("SMS"))))
                .when().put("/api/v1/admin/recipients/" + principal).then().statusCode(400)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("channels", Map.of("no-such-kind", List.of("SMS"))))
                .when().put("/api/v1/admin/recipients/" + principal).then().statusCode(422);
        given().contentType(ContentType.JSON).body(Map.of("channels", Map.of("warning", List.of("FAX"))))
                .when().put("/api/v1/admin/recipients/" + principal).then().statusCode(400);
        given().when().get("/api/v1/admin/recipients/" + principal).then().statusCode(404);
        given().contentType(ContentType.JSON).body(Map.of("displayName", "测试局", "language", "en", "email", "duty@test.example.cn",
                "phone", "13912345678", "channels", Map.of("warning", List.of("EMAIL", "SMS"))))
                .when().put("/api/v1/admin/recipients/" + principal).then().statusCode(200);
        given().when().get("/api/v1/admin/recipients/" + principal).then().statusCode(200)
                .body("language", org.hamcrest.Matchers.equalTo("en"))
                .body("channels.warning", org.hamcrest.Matchers.contains("EMAIL", "SMS"));
        given().when().get("/api/v1/admin/recipients").then().statusCode(200)
                .body("find { it.principal == '" + principal + "' }.phone", org.hamcrest.Matchers.equalTo("139****5678"));
    }

    @Test
    @TestSecurity(user = "staff-1", roles = "dept-staff")
    void onlyAdminsKeepRecipients() {
        given().when().get("/api/v1/admin/recipients").then().statusCode(403);
        given().when().get("/api/v1/admin/dead-letters").then().statusCode(403);
        given().when().get("/api/v1/admin/webhooks").then().statusCode(403);
    }

    static Map<String, List<String>> principalsByKind(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> InboxMessage.<InboxMessage>list("grievanceId = ?1 order by createdAt, principal", id)
                .stream().collect(Collectors.groupingBy(m -> m.kind, java.util.TreeMap::new,
                        Collectors.mapping(m -> m.principal, Collectors.toList()))));
    }

    static boolean addressedTo(jakarta.mail.internet.MimeMessage m, String address) {
        try {
            return java.util.Arrays.toString(m.getAllRecipients()).contains(address);
        } catch (jakarta.mail.MessagingException e) {
            return false;
        }
    }
}
