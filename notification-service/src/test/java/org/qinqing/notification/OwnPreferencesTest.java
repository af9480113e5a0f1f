package org.qinqing.notification;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qinqing.notification.recipient.Recipient;
import org.qinqing.notification.recipient.RecipientPreference;
import org.qinqing.notification.testing.LocalServers;
import org.qinqing.platform.testing.RealInfrastructure;

/**
 * An enterprise reads and changes its own notification preferences (channels per notice kind, language, quiet
 * hours) — those of {@code enterprise:<its uscc>}, never another's — and bad input changes nothing.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(LocalServers.class)
class OwnPreferencesTest {

    static final String MINE = "91330106MA2PREF01X";
    static final String OTHERS = "91330205MA2PREF02Y";
    static final String PATH = "/api/v1/me/notification-preferences";

    @BeforeAll
    static void logging() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    static Map<String, Object> valid() {
        return Map.of("language", "en", "quietHours", Map.of("start", "21:00", "end", "07:30"),
                "channels", Map.of("receipt", List.of("IN_APP", "EMAIL"), "*", List.of("IN_APP")));
    }

    @Test
    @TestSecurity(user = "ent-pref", roles = "enterprise")
    @OidcSecurity(claims = @Claim(key = "uscc", value = MINE))
    void anEnterpriseReadsAndChangesItsOwnPreferences() {
        given().contentType(ContentType.JSON).body(valid()).when().put(PATH).then().statusCode(200)
                .body("principal", equalTo("enterprise:" + MINE))
                .body("language", equalTo("en"))
                .body("quietHours.start", equalTo("21:00:00"))
                .body("channels.receipt", equalTo(List.of("IN_APP", "EMAIL")));
        given().when().get(PATH).then().statusCode(200)
                .body("principal", equalTo("enterprise:" + MINE))
                .body("language", equalTo("en"))
                .body("quietHours.end", equalTo("07:30:00"))
                .body("channels.'*'", equalTo(List.of("IN_APP")));
        Recipient stored = QuarkusTransaction.requiringNew().call(() -> Recipient.findById("enterprise:" + MINE));
        assertEquals("en", stored.language);

        // a second PUT replaces: no quiet hours of its own, channels of one kind
        given().contentType(ContentType.JSON).body(Map.of("language", "zh-CN", "channels", Map.of("closed", List.of("SMS"))))
                .when().put(PATH).then().statusCode(200)
                .body("quietHours", nullValue())
                .body("channels.closed", equalTo(List.of("SMS")))
                .body("channels.receipt", nullValue());
    }

    @Test
    @TestSecurity(user = "ent-other", roles = "enterprise")
    @OidcSecurity(claims = @Claim(key = "uscc", value = OTHERS))
    void anotherEnterprisesPreferencesAreNotReachable() {
        QuarkusTransaction.requiringNew().run(() -> {
            Recipient r = Recipient.of("enterprise:" + MINE + "Z", java.time.Instant.now());
            r.language = "en";
        });
        // no path names a recipient: whatever the caller sends, it reads and writes its own
        given().when().get(PATH).then().statusCode(200).body("principal", equalTo("enterprise:" + OTHERS));
        given().queryParam("principal", "enterprise:" + MINE + "Z").when().get(PATH).then().statusCode(200)
                .body("principal", equalTo("enterprise:" + OTHERS));
        given().when().get(PATH + "/enterprise:" + MINE + "Z").then().statusCode(404);
        given().contentType(ContentType.JSON).body(Map.of("principal", "enterprise:" + MINE + "Z", "language", "zh-CN"))
                .when().put(PATH).then().statusCode(422);
        assertEquals("en", QuarkusTransaction.requiringNew().call(
                () -> Recipient.<Recipient>findById("enterprise:" + MINE + "Z").language));
    }

    @Test
    @TestSecurity(user = "staff-pref", roles = "dept-staff")
    @OidcSecurity(claims = @Claim(key = "department", value = "HZ-JRB"))
    void onlyEnterprisesHaveSelfServicePreferences() {
        given().when().get(PATH).then().statusCode(403);
        given().contentType(ContentType.JSON).body(valid()).when().put(PATH).then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "ent-no-uscc", roles = "enterprise")
    void aTokenWithoutAUsccHasNoPreferences() {
        given().when().get(PATH).then().statusCode(403);
    }

    static final String BAD = "91330106MA2PREF03Z";

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"language\":\"fr\"}",
        "{\"quietHours\":{\"start\":\"25:00\",\"end\":\"07:00\"}}",
        "{\"quietHours\":{\"start\":\"22:00\"}}",
        "{\"channels\":{\"receipt\":[\"FAX\"]}}",
        "{\"channels\":{\"receipt\":[\"WEBHOOK\"]}}",
        "{\"channels\":{\"receipt\":null}}",
        "{\"channels\":{\"warning\":[\"SMS\"]}}",
        "{\"channels\":{\"no-such-kind\":[\"SMS\"]}}",
        "{\"email\":\"attacker@example.cn\"}",
        "{\"active\":false}",
        "{\"language\":\"en\",\"language\":\"zh-CN\"}",
        "[]",
        "not json"
    })
    @TestSecurity(user = "ent-bad", roles = "enterprise")
    @OidcSecurity(claims = @Claim(key = "uscc", value = BAD))
    void badInputIsAProblemAndChangesNothing(String body) {
        QuarkusTransaction.requiringNew().run(() -> {
            Recipient r = Recipient.of("enterprise:" + BAD, java.time.Instant.now());
            r.language = "zh-CN";
            r.email = "duty@example.cn";
            r.active = true;
            RecipientPreference.delete("principal", "enterprise:" + BAD);
        });
        int status = given().contentType(ContentType.JSON).body(body).when().put(PATH).then()
                .contentType("application/problem+json").extract().statusCode();
        assertEquals(true, status == 400 || status == 422, body + " → " + status);
        Recipient after = QuarkusTransaction.requiringNew().call(() -> Recipient.findById("enterprise:" + BAD));
        assertEquals("zh-CN", after.language);
        assertEquals("duty@example.cn", after.email);
        assertEquals(true, after.active);
        assertNull(after.quietStart);
        assertEquals(0L, QuarkusTransaction.requiringNew().call(() -> RecipientPreference.count("principal", "enterprise:" + BAD)));
    }
}
