package org.qinqing.notification;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.qinqing.notification.channel.ChannelKind;
import org.qinqing.notification.delivery.Delivery;
import org.qinqing.notification.testing.LocalServers;
import org.qinqing.notification.testing.Samples;
import org.qinqing.notification.testing.TestClock;
import org.qinqing.platform.testing.RealInfrastructure;

/** 免打扰: SMS and WeChat wait for the morning; an escalation to supervisors does not. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(LocalServers.class)
class QuietHoursTest {

    @Inject
    TestClock clock;

    @AfterEach
    void daytime() {
        clock.daytime();
    }

    @Test
    @TestSecurity(user = "admin-1", roles = "admin")
    void atNight_aWarningWaitsForTheMorning_butTheEscalationReachesTheSupervisorsAtOnce() {
        String department = "QH-" + Samples.tag();
        String region = "34" + Samples.tag().substring(0, 4);
        String staffPhone = Samples.phone();
        String supervisorPhone = Samples.phone();
        given().contentType(ContentType.JSON).body(Map.of("phone", staffPhone, "channels", Map.of("*", List.of("SMS"))))
                .when().put("/api/v1/admin/recipients/department:" + department).then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("phone", supervisorPhone, "channels", Map.of("*", List.of("SMS"))))
                .when().put("/api/v1/admin/recipients/supervisors:" + region).then().statusCode(200);

        Instant night = ZonedDateTime.of(2026, 11, 24, 23, 0, 0, 0, TestClock.SHANGHAI).toInstant();
        Instant morning = ZonedDateTime.of(2026, 11, 25, 8, 0, 0, 0, TestClock.SHANGHAI).toInstant();
        clock.setTo(night);
        UUID id = UUID.randomUUID();
        Samples.publish("deadline", "warning", id, 1, Map.of("clock", "REPLY", "round", 1, "department", department,
                "dueAt", "2026-11-25T09:30:00Z"));
        Samples.publish("deadline", "escalated", id, 2, Map.of("clock", "REPLY", "round", 1, "department", department,
                "level", 1, "dueAt", "2026-11-24T09:30:00Z", "target", "SUPERVISORS", "targetRegion", region));

        Delivery escalation = await().atMost(Duration.ofSeconds(30))
                .until(() -> Samples.delivery(id, ChannelKind.SMS, "supervisors:"), d -> d != null && d.status == Delivery.Status.SENT);
        assertNull(escalation.deferredUntil);
        assertEquals(1, LocalServers.gateway().requests("/sms", supervisorPhone).size());

        Delivery warning = Samples.delivery(id, ChannelKind.SMS, "department:", "warning");
        assertEquals(Delivery.Status.PENDING, warning.status);
        assertEquals(morning, warning.deferredUntil, "08:00 Asia/Shanghai");
        assertEquals(Delivery.Status.PENDING, Samples.delivery(id, ChannelKind.SMS, "department:", "overdue").status,
                "the department's overdue notice is not urgent either");
        assertTrue(LocalServers.gateway().requests("/sms", staffPhone).isEmpty(), "nothing sent to staff at night");

        clock.setTo(morning.plusSeconds(1));
        await().atMost(Duration.ofSeconds(30)).until(() -> Samples.delivery(id, ChannelKind.SMS, "department:", "warning"),
                d -> d.status == Delivery.Status.SENT);
        await().atMost(Duration.ofSeconds(10)).until(() -> LocalServers.gateway().requests("/sms", staffPhone).size() == 2);
    }

    @Test
    @TestSecurity(user = "admin-1", roles = "admin")
    void aRecipientsOwnQuietHoursApply() {
        String department = "QH-" + Samples.tag();
        String phone = Samples.phone();
        given().contentType(ContentType.JSON).body(Map.of("phone", phone, "quietHours", Map.of("start", "12:00", "end", "13:30"),
                "channels", Map.of("warning", List.of("SMS"))))
                .when().put("/api/v1/admin/recipients/department:" + department).then().statusCode(200);
        clock.setTo(ZonedDateTime.of(2026, 11, 24, 12, 15, 0, 0, TestClock.SHANGHAI).toInstant());
        UUID id = UUID.randomUUID();
        Samples.publish("deadline", "warning", id, 1, Map.of("clock", "SIGN_FOR", "round", 1, "department", department,
                "dueAt", "2026-11-25T09:30:00Z"));
        Delivery warning = await().atMost(Duration.ofSeconds(30))
                .until(() -> Samples.delivery(id, ChannelKind.SMS, "department:"), d -> d != null);
        assertEquals(ZonedDateTime.of(2026, 11, 24, 13, 30, 0, 0, TestClock.SHANGHAI).toInstant(), warning.deferredUntil);
    }
}
