package org.qinqing.notification;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qinqing.notification.channel.ChannelKind;
import org.qinqing.notification.delivery.DeadLetter;
import org.qinqing.notification.delivery.Delivery;
import org.qinqing.notification.testing.FakeGateway;
import org.qinqing.notification.testing.FakeGateway.Answer;
import org.qinqing.notification.testing.LocalServers;
import org.qinqing.notification.testing.Samples;
import org.qinqing.notification.testing.TestClock;
import org.qinqing.platform.testing.RealInfrastructure;
import org.qinqing.platform.testing.TopicProbe;

/** Each channel against a real server: SMTP (GreenMail), the SMS gateway, WeChat and a webhook endpoint. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(LocalServers.class)
class ChannelsTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    TestClock clock;

    @Inject
    io.quarkus.scheduler.Scheduler scheduler;

    @Inject
    org.qinqing.notification.delivery.DeliveryDispatcher dispatcher;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @BeforeEach
    void daytime() {
        clock.daytime();
    }

    static UUID acceptedCase(String phone, String email) {
        UUID id = UUID.randomUUID();
        Samples.publish("intake", "accepted", id, 2, Samples.accepted(Samples.USCC, "QQ2026112400" + Samples.tag().substring(0, 4),
                phone, email));
        return id;
    }

    static Delivery awaitStatus(UUID id, ChannelKind channel, String recipient, Delivery.Status status) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> Samples.delivery(id, channel, recipient),
                d -> d != null && d.status == status);
    }

    @Test
    void receiptByEmail_isDeliveredToTheSmtpServer() throws Exception {
        String email = "zhang.wei." + Samples.tag() + "@qingyuan.example.cn";
        UUID id = acceptedCase(null, email);
        MimeMessage mail = await().atMost(Duration.ofSeconds(30)).until(() -> Arrays.stream(LocalServers.mail().getReceivedMessages())
                .filter(m -> recipients(m).contains(email)).findFirst().orElse(null), m -> m != null);
        assertEquals("诉求已受理", mail.getSubject());
        String body = mail.getContent().toString();
        assertTrue(body.contains("您的诉求已受理，受理编号 QQ2026112400"), body);
        assertEquals("qinqing-noreply@localhost", mail.getFrom()[0].toString());
        Delivery d = awaitStatus(id, ChannelKind.EMAIL, "enterprise:", Delivery.Status.SENT);
        assertEquals(d.id.toString(), mail.getHeader("X-Qinqing-Delivery")[0]);
        assertEquals(1, d.attempts);
    }

    @Test
    void smsGatewayFailingTwice_deliversOnTheThirdAttempt_withBackoff() throws Exception {
        String phone = Samples.phone();
        LocalServers.gateway().script("/sms", phone, Answer.of(500, "{\"Code\":\"InternalError\"}"),
                Answer.of(200, "{\"Code\":\"isp.SYSTEM_ERROR\",\"Message\":\"system busy\"}"));
        UUID id = acceptedCase(phone, null);
        Delivery d = awaitStatus(id, ChannelKind.SMS, "enterprise:", Delivery.Status.SENT);
        assertEquals(3, d.attempts);
        List<FakeGateway.Request> requests = LocalServers.gateway().requests("/sms", phone);
        assertEquals(3, requests.size(), "two failures and one success, nothing more");
        Duration firstRetry = Duration.between(requests.get(0).at(), requests.get(1).at());
        assertTrue(firstRetry.toMillis() >= 100, "back-off of at least half the base: " + firstRetry);

        Map<String, String> form = requests.get(2).form();
        assertEquals("SendSms", form.get("Action"));
        assertEquals(phone, form.get("PhoneNumbers"));
        assertEquals("亲清平台", form.get("SignName"));
        assertEquals("SMS_QINQING_RECEIPT", form.get("TemplateCode"));
        assertEquals("local-access-key", form.get("AccessKeyId"));
        assertEquals(d.id + ":1", form.get("OutId"));
        String text = JSON.readTree(form.get("TemplateParam")).get("content").asText();
        assertTrue(text.startsWith("您的诉求已受理，受理编号QQ2026112400"), text);
        assertTrue(text.length() + "【亲清平台】".length() <= 70, "one carrier segment: " + text);
        assertEquals(aliyunSignature(form, "local-access-secret"), form.get("Signature"), "the gateway's signature check");

        List<String> outcomes = QuarkusTransaction.requiringNew().call(() -> Delivery.getEntityManager()
                .createNativeQuery("SELECT outcome FROM delivery_attempt WHERE delivery_id = ?1 ORDER BY attempt", String.class)
                .setParameter(1, d.id).getResultList());
        assertEquals(List.of("TRANSIENT", "TRANSIENT", "SENT"), outcomes);
    }

    @Test
    @TestSecurity(user = "admin-1", roles = "admin")
    void smsGatewayAlwaysFailing_becomesADeadLetter_thatAnAdminReplays() {
        String phone = Samples.phone();
        LocalServers.gateway().always("/sms", phone, Answer.of(200, "{\"Code\":\"isv.BUSINESS_LIMIT_CONTROL\"}"));
        UUID id = acceptedCase(phone, null);
        Delivery failed = awaitStatus(id, ChannelKind.SMS, "enterprise:", Delivery.Status.FAILED);
        assertEquals(3, failed.attempts, "max-attempts in the test profile");
        assertEquals(3, LocalServers.gateway().requests("/sms", phone).size());
        DeadLetter letter = QuarkusTransaction.requiringNew().call(() -> DeadLetter.<DeadLetter>find("deliveryId", failed.id).firstResult());
        assertNotNull(letter);
        assertTrue(letter.reason.contains("gave up after 3 attempts") && letter.reason.contains("isv.BUSINESS_LIMIT_CONTROL"),
                letter.reason);
        try (TopicProbe probe = Samples.probe()) {
            List<TopicProbe.Event> events = probe.read("qinqing.notification.events", Duration.ofSeconds(20),
                    read -> read.stream().anyMatch(e -> isFailureOf(e, failed.id)));
            TopicProbe.Event event = events.stream().filter(e -> isFailureOf(e, failed.id)).findFirst().orElseThrow();
            assertEquals("SMS", event.data().get("channel").asText());
            assertEquals("enterprise:9133**********3D4W", event.data().get("recipient").asText());
            assertEquals(id.toString(), event.key());
            assertTrue(!event.data().toString().contains(phone), "no phone number on a topic");
        }

        given().when().get("/api/v1/admin/dead-letters").then().statusCode(200)
                .body("find { it.id == '" + letter.id + "' }.address", equalTo(phone.substring(0, 3) + "****" + phone.substring(7)));
        LocalServers.gateway().clear("/sms", phone);
        given().when().post("/api/v1/admin/dead-letters/" + letter.id + "/replay").then().statusCode(200);
        Delivery replayed = awaitStatus(id, ChannelKind.SMS, "enterprise:", Delivery.Status.SENT);
        assertEquals(1, replayed.attempts);
        assertEquals(4, LocalServers.gateway().requests("/sms", phone).size());
        given().when().post("/api/v1/admin/dead-letters/" + letter.id + "/replay").then().statusCode(409)
                .contentType("application/problem+json");
        given().when().post("/api/v1/admin/dead-letters/" + UUID.randomUUID() + "/replay").then().statusCode(404);
    }

    @Test
    void invalidNumber_isPermanent_deadLetterAfterOneAttempt() {
        String phone = Samples.phone();
        LocalServers.gateway().always("/sms", phone, Answer.of(200, "{\"Code\":\"isv.MOBILE_NUMBER_ILLEGAL\"}"));
        UUID id = acceptedCase(phone, null);
        Delivery failed = awaitStatus(id, ChannelKind.SMS, "enterprise:", Delivery.Status.FAILED);
        assertEquals(1, failed.attempts);
        assertTrue(failed.lastError.contains("isv.MOBILE_NUMBER_ILLEGAL"));
    }

    @Test
    @TestSecurity(user = "admin-1", roles = "admin")
    void wechatTemplateMessage_slowAnswerIsRetried() throws Exception {
        String department = "WX-" + Samples.tag();
        String openId = "oWx" + Samples.tag() + "abcdef";
        given().contentType(ContentType.JSON).body(Map.of("displayName", "微信测试局", "wechatOpenId", openId,
                "channels", Map.of("*", List.of("IN_APP", "WECHAT"))))
                .when().put("/api/v1/admin/recipients/department:" + department).then().statusCode(200);
        LocalServers.gateway().script("/cgi-bin/message/template/send", openId,
                Answer.slow(Duration.ofMillis(2500), 200, "{\"errcode\":0,\"errmsg\":\"ok\"}"));
        UUID id = UUID.randomUUID();
        Samples.publish("deadline", "warning", id, 1, Map.of("clock", "REPLY", "round", 1, "department", department,
                "dueAt", "2026-12-01T09:30:00Z"));
        Delivery d = awaitStatus(id, ChannelKind.WECHAT, "department:", Delivery.Status.SENT);
        assertEquals(2, d.attempts, "the slow answer timed out; the retry went through");
        List<FakeGateway.Request> sends = LocalServers.gateway().requests("/cgi-bin/message/template/send", openId);
        assertEquals(2, sends.size());
        FakeGateway.Request send = sends.get(1);
        assertTrue(send.query().contains("access_token=wx-access-token"), send.query());
        JsonNode body = JSON.readTree(send.body());
        assertEquals(openId, body.get("touser").asText());
        assertEquals("QINQING_NOTICE_TEMPLATE", body.get("template_id").asText());
        assertEquals("办理时限预警", body.at("/data/first/value").asText());
        assertTrue(body.at("/data/keyword2/value").asText().contains("将于2026-12-01 17:30到期"));
        assertTrue(!LocalServers.gateway().requestsUnder("/cgi-bin/token").isEmpty());
    }

    @Test
    @TestSecurity(user = "admin-1", roles = "admin")
    void webhook_isSignedWithHmacOverTimestampAndBody_andRetried() throws Exception {
        String department = "HOOK-" + Samples.tag();
        String path = "/hooks/" + department;
        String secret = given().contentType(ContentType.JSON).body(Map.of("name", "市营商环境监测平台",
                "principal", "department:" + department, "url", LocalServers.gateway().url() + path,
                "kinds", List.of("warning")))
                .when().post("/api/v1/admin/webhooks").then().statusCode(201).extract().path("secret");
        LocalServers.gateway().script(path, "", Answer.of(503, ""));
        UUID id = UUID.randomUUID();
        Samples.publish("deadline", "warning", id, 1, Map.of("clock", "SIGN_FOR", "round", 1, "department", department,
                "dueAt", "2026-12-01T09:30:00Z"));
        Delivery d = awaitStatus(id, ChannelKind.WEBHOOK, "webhook:", Delivery.Status.SENT);
        assertEquals(2, d.attempts);
        List<FakeGateway.Request> posts = LocalServers.gateway().requests(path, null);
        assertEquals(2, posts.size());
        FakeGateway.Request post = posts.get(1);
        String timestamp = post.header("X-Qinqing-Timestamp");
        assertTrue(Math.abs(Long.parseLong(timestamp) - clock.instant().getEpochSecond()) < 300);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + post.body())
                .getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, post.header("X-Qinqing-Signature"));
        assertEquals(d.id.toString(), post.header("X-Qinqing-Delivery"));
        JsonNode body = JSON.readTree(post.body());
        assertEquals("warning", body.get("kind").asText());
        assertEquals(id.toString(), body.get("grievanceId").asText());
        assertTrue(body.get("text").asText().contains("签收期限"));
    }

    @Test
    void slowSmsGateway_getsSeveralCasesAtOnce_eachSentOnce() {
        String prefix = "137" + Samples.tag().substring(0, 4);
        List<String> phones = java.util.stream.IntStream.range(0, 6).mapToObj(i -> prefix + String.format("%04d", i)).toList();
        LocalServers.gateway().always("/sms", prefix, Answer.slow(Duration.ofMillis(400), 200,
                "{\"Code\":\"OK\",\"Message\":\"OK\",\"BizId\":\"1^0\",\"RequestId\":\"R\"}"));
        scheduler.pause(); // one batch, claimed below, so the sends can only overlap inside it
        try {
            List<UUID> cases = phones.stream().map(phone -> acceptedCase(phone, null)).toList();
            await().atMost(Duration.ofSeconds(30)).until(() -> cases.stream()
                    .allMatch(id -> Samples.delivery(id, ChannelKind.SMS, "enterprise:") != null));
            LocalServers.gateway().resetMostInFlight("/sms");
            dispatcher.runOnce();
        } finally {
            scheduler.resume();
            LocalServers.gateway().clear("/sms", prefix);
        }
        for (String phone : phones) {
            assertEquals(1, LocalServers.gateway().requests("/sms", phone).size(), "one request for " + phone);
        }
        assertTrue(LocalServers.gateway().mostInFlight("/sms") > 1,
                "requests of different cases overlap: " + LocalServers.gateway().mostInFlight("/sms"));
    }

    @Test
    void deliveriesAreCountedByChannelAndOutcome_onTheMetricsEndpoint() {
        String phone = Samples.phone();
        UUID id = acceptedCase(phone, null);
        awaitStatus(id, ChannelKind.SMS, "enterprise:", Delivery.Status.SENT);
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("qinqing_notification_deliveries_total")
                && l.contains("channel=\"SMS\"") && l.contains("outcome=\"delivered\"")), metrics);
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("qinqing_notification_deliveries_total")
                && l.contains("channel=\"IN_APP\"") && l.contains("outcome=\"delivered\"")));
    }

    private static boolean isFailureOf(TopicProbe.Event e, UUID deliveryId) {
        return "cn.qinqing.notification.delivery-failed.v1".equals(e.type()) && e.data() != null
                && deliveryId.toString().equals(e.data().path("deliveryId").asText());
    }

    private static String recipients(MimeMessage m) {
        try {
            return Arrays.toString(m.getAllRecipients());
        } catch (jakarta.mail.MessagingException e) {
            return "";
        }
    }

    /** The gateway's own check, written from its documentation: HMAC-SHA1 over "POST&%2F&" + the sorted query. */
    private static String aliyunSignature(Map<String, String> form, String secret) throws Exception {
        String query = new TreeMap<>(form).entrySet().stream().filter(e -> !e.getKey().equals("Signature"))
                .map(e -> pct(e.getKey()) + "=" + pct(e.getValue())).collect(Collectors.joining("&"));
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec((secret + "&").getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(("POST&%2F&" + pct(query)).getBytes(StandardCharsets.UTF_8)));
    }

    private static String pct(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }
}
