package org.qinqing.notification;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

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
import org.qinqing.notification.inbox.InboxMessage;
import org.qinqing.notification.testing.LocalServers;
import org.qinqing.notification.testing.Samples;
import org.qinqing.platform.testing.RealInfrastructure;

/** The logged-in user's inbox: unread count, read marks per user, and nobody else's messages. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(LocalServers.class)
class InboxTest {

    static final String REGION = "331000";

    static UUID escalationTo(String region) {
        UUID id = UUID.randomUUID();
        Samples.publish("deadline", "escalated", id, 1, Map.of("clock", "SIGN_FOR", "round", 1, "department", "TZ-ZJJ",
                "level", 1, "dueAt", "2026-11-23T09:30:00Z", "target", "SUPERVISORS", "targetRegion", region));
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> InboxMessage.count("grievanceId = ?1 and principal = ?2", id, "supervisors:" + region)) == 1);
        return id;
    }

    static UUID messageOf(UUID grievanceId, String principal) {
        return QuarkusTransaction.requiringNew().call(() -> InboxMessage.<InboxMessage>find("grievanceId = ?1 and principal = ?2",
                grievanceId, principal).firstResult().id);
    }

    @Test
    @TestSecurity(user = "supervisor-tz-1", roles = "supervisor")
    @OidcSecurity(claims = { @Claim(key = "region", value = REGION), @Claim(key = "department", value = "TZ-YSB") })
    void unreadCountFallsWhenTheUserReadsAMessage_andMarkingTwiceIsHarmless() {
        int before = given().when().get("/api/v1/inbox/unread-count").then().statusCode(200).extract().path("unread");
        UUID id = escalationTo(REGION);
        given().when().get("/api/v1/inbox/unread-count").then().statusCode(200).body("unread", equalTo(before + 1));
        UUID message = messageOf(id, "supervisors:" + REGION);
        given().queryParam("grievanceId", id).when().get("/api/v1/inbox").then().statusCode(200)
                .body("", hasSize(1)).body("[0].read", equalTo(false)).body("[0].kind", equalTo("escalated"));
        given().when().post("/api/v1/inbox/" + message + "/read").then().statusCode(204);
        given().when().post("/api/v1/inbox/" + message + "/read").then().statusCode(204);
        given().when().get("/api/v1/inbox/unread-count").then().statusCode(200).body("unread", equalTo(before));
        given().when().get("/api/v1/inbox/" + message).then().statusCode(200).body("read", equalTo(true));
        given().queryParam("grievanceId", id).queryParam("unread", true).when().get("/api/v1/inbox").then().statusCode(200)
                .body("", hasSize(0));
    }

    @Test
    @TestSecurity(user = "supervisor-tz-2", roles = "supervisor")
    @OidcSecurity(claims = { @Claim(key = "region", value = REGION), @Claim(key = "department", value = "TZ-YSB") })
    void readMarksArePerUser_aColleagueStillSeesTheTeamMessageUnread() {
        UUID id = escalationTo(REGION);
        UUID message = messageOf(id, "supervisors:" + REGION);
        QuarkusTransaction.requiringNew().run(() -> InboxMessage.getEntityManager().createNativeQuery(
                "INSERT INTO inbox_read (message_id, reader, read_at) VALUES (?1, 'supervisor-tz-1', now())")
                .setParameter(1, message).executeUpdate());
        given().when().get("/api/v1/inbox/" + message).then().statusCode(200).body("read", equalTo(false));
    }

    @Test
    @TestSecurity(user = "supervisor-nb", roles = "supervisor")
    @OidcSecurity(claims = { @Claim(key = "region", value = "330200"), @Claim(key = "department", value = "NB-YSB") })
    void anotherRegionsInboxAndMessages_are404() {
        UUID id = escalationTo(REGION);
        UUID message = messageOf(id, "supervisors:" + REGION);
        given().when().get("/api/v1/inbox/" + message).then().statusCode(404).contentType("application/problem+json");
        given().when().post("/api/v1/inbox/" + message + "/read").then().statusCode(404);
        given().queryParam("principal", "supervisors:" + REGION).when().get("/api/v1/inbox").then().statusCode(404);
        given().queryParam("principal", "supervisors:" + REGION).when().get("/api/v1/inbox/unread-count").then().statusCode(404);
        given().queryParam("principal", "supervisors:330200").when().get("/api/v1/inbox").then().statusCode(200);
        given().when().get("/api/v1/inbox/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "ent-other", roles = "enterprise")
    @OidcSecurity(claims = @Claim(key = "uscc", value = "91330205MA2H7K8L9F"))
    void anEnterpriseCannotReadAnotherEnterprisesMessage() {
        UUID id = UUID.randomUUID();
        Samples.publish("intake", "accepted", id, 2, Samples.accepted(Samples.USCC, "QQ20261124000707", null, null));
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> InboxMessage.count("grievanceId", id)) == 1);
        UUID message = messageOf(id, "enterprise:" + Samples.USCC);
        given().when().get("/api/v1/inbox/" + message).then().statusCode(404);
        given().queryParam("principal", "enterprise:" + Samples.USCC).when().get("/api/v1/inbox").then().statusCode(404);
    }

    @Test
    void anonymousCallersAre401() {
        given().when().get("/api/v1/inbox").then().statusCode(401);
        given().when().get("/api/v1/inbox/unread-count").then().statusCode(401);
    }
}
