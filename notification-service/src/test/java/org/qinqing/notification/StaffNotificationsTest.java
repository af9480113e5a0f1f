package org.qinqing.notification;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
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
import org.qinqing.platform.testing.RealInfrastructure;
import org.qinqing.platform.testing.TopicProbe;

/** Departments hear of new assignments, warnings and being overdue; supervisors and oversight of escalations. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(LocalServers.class)
class StaffNotificationsTest {

    static UUID escalatedCase() {
        UUID id = UUID.randomUUID();
        try (TopicProbe probe = new TopicProbe(RealInfrastructure.broker().bootstrapServers())) {
            probe.publish("routing", "dispatched", id, 1, Map.of("round", 1, "reason", "规则匹配",
                    "lead", Map.of("code", "HZ-JRB", "name", "杭州市地方金融管理局")));
            probe.publish("deadline", "warning", id, 1, Map.of("clock", "REPLY", "department", "HZ-JRB",
                    "dueAt", "2026-11-30T09:30:00Z", "round", 1));
            probe.publish("deadline", "escalated", id, 2, Map.of("clock", "REPLY", "department", "HZ-JRB", "level", 1,
                    "dueAt", "2026-11-30T09:30:00Z", "target", "SUPERVISORS", "targetRegion", "330100", "round", 1));
            probe.publish("deadline", "escalated", id, 3, Map.of("clock", "REPLY", "department", "HZ-JRB", "level", 3,
                    "dueAt", "2026-11-30T09:30:00Z", "target", "OVERSIGHT", "targetRegion", "330000", "round", 1));
        }
        // assignment, warning, two escalations (target and department each)
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> InboxMessage.count("grievanceId", id)) == 6);
        return id;
    }

    @Test
    @TestSecurity(user = "supervisor-hz", roles = "supervisor")
    @OidcSecurity(claims = { @Claim(key = "region", value = "330100"), @Claim(key = "department", value = "HZ-YSB") })
    void theCitysSupervisorsAreToldOfTheLevelOneEscalation() {
        UUID id = escalatedCase();
        given().queryParam("grievanceId", id).when().get("/api/v1/inbox").then().statusCode(200)
                .body("", hasSize(1))
                .body("[0].principal", org.hamcrest.Matchers.equalTo("supervisors:330100"))
                .body("[0].body", containsString("HZ-JRB"))
                .body("[0].body", containsString("2026-11-30 17:30"));
    }

    @Test
    @TestSecurity(user = "supervisor-nb", roles = "supervisor")
    @OidcSecurity(claims = { @Claim(key = "region", value = "330200"), @Claim(key = "department", value = "NB-YSB") })
    void anotherCitysSupervisorsAreNot() {
        UUID id = escalatedCase();
        given().queryParam("grievanceId", id).when().get("/api/v1/inbox").then().statusCode(200).body("", hasSize(0));
    }

    @Test
    @TestSecurity(user = "oversight-zj", roles = "oversight")
    @OidcSecurity(claims = { @Claim(key = "region", value = "330000"), @Claim(key = "department", value = "ZJ-JW") })
    void theProvincesOversightBodyGetsLevelThree() {
        UUID id = escalatedCase();
        given().queryParam("grievanceId", id).when().get("/api/v1/inbox").then().statusCode(200)
                .body("", hasSize(1)).body("[0].principal", org.hamcrest.Matchers.equalTo("oversight:330000"));
    }

    @Test
    @TestSecurity(user = "staff-hz-jrb", roles = "dept-staff")
    @OidcSecurity(claims = @Claim(key = "department", value = "HZ-JRB"))
    void theDepartmentHearsOfTheAssignmentTheWarningAndBeingOverdue() {
        UUID id = escalatedCase();
        given().queryParam("grievanceId", id).when().get("/api/v1/inbox").then().statusCode(200)
                .body("", hasSize(4))
                .body("kind", hasItem("assignment")).body("kind", hasItem("warning")).body("kind", hasItem("overdue"));
    }
}
