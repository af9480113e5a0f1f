package org.qinqing.notification;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
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
import org.qinqing.notification.inbox.InboxMessage;
import org.qinqing.notification.testing.LocalServers;
import org.qinqing.platform.testing.RealInfrastructure;
import org.qinqing.platform.testing.TopicProbe;

@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(LocalServers.class)
class EnterpriseInboxTest {

    static final String USCC = "91330106MA2B2C3D4W";

    static UUID dispatchedCaseWithEventsOutOfOrder(boolean deliverTwice) {
        UUID id = UUID.randomUUID();
        try (TopicProbe probe = new TopicProbe(RealInfrastructure.broker().bootstrapServers())) {
            probe.publish("deadline", "deadline-set", id, 2, Map.of("clock", "REPLY", "round", 1,
                    "dueAt", "2026-12-01T09:30:00Z", "department", "HZ-JRB"));
            String data = "{\"grievanceId\":\"" + id + "\",\"sequence\":1,\"occurredAt\":\"2026-11-24T02:00:00Z\","
                    + "\"actor\":{\"role\":\"system\"},\"round\":1,\"lead\":{\"code\":\"HZ-JRB\",\"name\":\"杭州市地方金融管理局\"}}";
            String eventId = UUID.randomUUID().toString();
            for (int i = 0; i < (deliverTwice ? 2 : 1); i++) {
                probe.publishRaw("qinqing.routing.events", id.toString(), eventId, "cn.qinqing.routing.dispatched.v1",
                        "/qinqing/routing", data);
            }
            probe.publish("intake", "accepted", id, 2, Map.of("uscc", USCC, "trackingNumber", "QQ20261124000042",
                    "category", "HELP_REQUEST", "urgency", "NORMAL", "regionCode", "330106"));
        }
        return id;
    }

    @Test
    @TestSecurity(user = "ent-hz", roles = "enterprise")
    @OidcSecurity(claims = @Claim(key = "uscc", value = USCC))
    void enterpriseIsToldOfAcceptanceAndDispatchWithTheDueTime_once_whateverTheOrder() {
        UUID id = dispatchedCaseWithEventsOutOfOrder(true);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().queryParam("grievanceId", id)
                .when().get("/api/v1/inbox")
                .then().statusCode(200)
                .body("", hasSize(2))
                .body("find { it.kind == 'dispatched' }.principal", equalTo("enterprise:" + USCC))
                .body("find { it.kind == 'dispatched' }.body", containsString("杭州市地方金融管理局"))
                .body("find { it.kind == 'dispatched' }.body", containsString("2026-12-01 17:30"))
                .body("find { it.kind == 'receipt' }.body", containsString("QQ20261124000042")));
        try (TopicProbe probe = new TopicProbe(RealInfrastructure.broker().bootstrapServers())) {
            List<TopicProbe.Event> delivered = probe.read("qinqing.notification.events", Duration.ofSeconds(20),
                    read -> read.stream().filter(e -> id.toString().equals(e.key())).count() >= 3)
                    .stream().filter(e -> id.toString().equals(e.key()))
                    .filter(e -> e.data().get("recipient").asText().startsWith("enterprise:")).toList();
            assertEquals(2, delivered.size(), "one delivered event per message, none for the duplicate dispatch");
            for (TopicProbe.Event event : delivered) {
                assertEquals("cn.qinqing.notification.delivered.v1", event.type());
                assertEquals("enterprise:9133**********3D4W", event.data().get("recipient").asText());
            }
        }
    }

    @Test
    @TestSecurity(user = "ent-nb", roles = "enterprise")
    @OidcSecurity(claims = @Claim(key = "uscc", value = "91330205MA2H7K8L9F"))
    void anotherEnterpriseSeesNoneOfIt() {
        UUID id = dispatchedCaseWithEventsOutOfOrder(false);
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(() -> InboxMessage.count("grievanceId = ?1 and principal like 'enterprise:%'", id)) == 2);
        given().queryParam("grievanceId", id).when().get("/api/v1/inbox")
                .then().statusCode(200).body("", hasSize(0));
    }
}
