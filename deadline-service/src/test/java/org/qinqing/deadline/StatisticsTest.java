package org.qinqing.deadline;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qinqing.platform.testing.RealInfrastructure;

/** The figures on a known data set, with the expected values worked out by hand in the comments. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class StatisticsTest {

    static final String DEPARTMENT = "STAT-DEPT";

    @Inject
    EntityManager entityManager;

    static boolean loaded;

    void clock(UUID grievance, String kind, String stopReason, String stoppedAt, String dueAt, int level) {
        entityManager.createNativeQuery("""
                INSERT INTO clock (id, grievance_id, kind, round, department_code, region_chain, status, started_at, due_at,
                                   stop_reason, stopped_at, escalation_level, updated_at)
                VALUES (?1, ?2, ?3, 1, ?4, '{330188,330100,330000}', ?5, '2026-11-02T01:00:00Z', cast(?6 as timestamptz), ?7,
                        cast(?8 as timestamptz), ?9, now())""")
                .setParameter(1, UUID.randomUUID()).setParameter(2, grievance).setParameter(3, kind).setParameter(4, DEPARTMENT)
                .setParameter(5, stopReason == null ? "RUNNING" : "STOPPED").setParameter(6, dueAt).setParameter(7, stopReason)
                .setParameter(8, stoppedAt).setParameter(9, level).executeUpdate();
    }

    void rated(UUID grievance, String level, Boolean solved, boolean unrated) {
        entityManager.createNativeQuery("""
                INSERT INTO grievance_case (grievance_id, category, urgency, region_code, lead_department, lead_region, replied_at,
                                            rating_level, solved, closed_unrated)
                VALUES (?1, 'COMPLAINT', 'NORMAL', '330188', ?2, '330188', '2026-11-05T01:00:00Z', ?3, ?4, ?5)""")
                .setParameter(1, grievance).setParameter(2, DEPARTMENT).setParameter(3, level).setParameter(4, solved)
                .setParameter(5, unrated).executeUpdate();
    }

    @BeforeEach
    void dataSet() {
        if (loaded) {
            return;
        }
        loaded = true;
        QuarkusTransaction.requiringNew().run(() -> {
            UUID[] g = { UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID() };
            String signDue = "2026-11-03T09:30:00Z";
            String replyDue = "2026-11-09T09:30:00Z";
            // sign-for: three signed in time, one late → response rate 3/4
            clock(g[0], "SIGN_FOR", "SIGNED", "2026-11-02T05:00:00Z", signDue, 0);
            clock(g[1], "SIGN_FOR", "SIGNED", "2026-11-02T05:00:00Z", signDue, 0);
            clock(g[2], "SIGN_FOR", "SIGNED", "2026-11-02T05:00:00Z", signDue, 0);
            clock(g[3], "SIGN_FOR", "SIGNED", "2026-11-04T02:00:00Z", signDue, 1);
            // reply: 1 and 2 working days in time, 7 late, one still open and overdue → on time 2/4, average 3.3 days
            clock(g[0], "REPLY", "REPLIED", "2026-11-02T09:30:00Z", replyDue, 0);
            clock(g[1], "REPLY", "REPLIED", "2026-11-03T09:30:00Z", replyDue, 0);
            clock(g[2], "REPLY", "REPLIED", "2026-11-10T09:30:00Z", replyDue, 1);
            clock(g[3], "REPLY", null, null, replyDue, 1);
            // ratings: satisfied+solved, very unsatisfied, basically satisfied+solved, one lapsed window
            rated(g[0], "SATISFIED", true, false);
            rated(g[1], "VERY_UNSATISFIED", false, false);
            rated(g[2], "BASICALLY_SATISFIED", true, false);
            rated(g[3], null, null, true);
            for (int i = 0; i < 2; i++) {
                entityManager.createNativeQuery("INSERT INTO return_fact VALUES (?1, ?2, ?3, '2026-11-06T02:00:00Z')")
                        .setParameter(1, UUID.randomUUID()).setParameter(2, g[i]).setParameter(3, DEPARTMENT).executeUpdate();
            }
        });
    }

    @Test
    @TestSecurity(user = "admin-zj", roles = "admin")
    void ratesOnAKnownDataSet_matchTheHandComputedValues() {
        String path = "departments.find { it.department == '" + DEPARTMENT + "' }.";
        given().queryParam("from", "2026-11-01").queryParam("to", "2026-11-30")
                .when().get("/api/v1/deadline/statistics")
                .then().statusCode(200)
                .body(path + "cases", equalTo(4))
                .body(path + "responseRate", equalTo(0.75f))
                .body(path + "onTimeCompletionRate", equalTo(0.5f))
                // overdue: the late sign-for (g4) and the late replies (g3, g4) are two distinct cases
                .body(path + "overdue", equalTo(2))
                .body(path + "rated", equalTo(3))
                .body(path + "resolutionRate", equalTo(0.6667f))
                .body(path + "satisfactionRate", equalTo(0.6667f))
                .body(path + "unratedShare", equalTo(0.25f))
                .body(path + "returns", equalTo(2))
                // office time from 09:00 Monday: 7 h, 14 h and 49 h (to Tuesday 10 Nov 17:30) → (1 + 2 + 7) / 3 days
                .body(path + "averageHandlingWorkingDays", equalTo(3.3f))
                .body("summonsList", hasItem(DEPARTMENT));
    }

    @Test
    @TestSecurity(user = "supervisor-nb", roles = "supervisor")
    @OidcSecurity(claims = @Claim(key = "region", value = "330200"))
    void aSupervisorOfAnotherCity_doesNotSeeTheDepartment() {
        given().queryParam("from", "2026-11-01").queryParam("to", "2026-11-30")
                .when().get("/api/v1/deadline/statistics")
                .then().statusCode(200)
                .body("departments.department", org.hamcrest.Matchers.not(hasItem(DEPARTMENT)));
    }

    @Test
    @TestSecurity(user = "admin-zj", roles = "admin")
    void csvExport_hasAHeaderAndTheDepartmentsRow() {
        String csv = given().accept("text/csv").queryParam("from", "2026-11-01").queryParam("to", "2026-11-30")
                .when().get("/api/v1/deadline/statistics").then().statusCode(200).extract().asString();
        org.junit.jupiter.api.Assertions.assertTrue(csv.startsWith("department,region,cases,response_rate"), csv);
        org.junit.jupiter.api.Assertions.assertTrue(csv.contains(DEPARTMENT + ",330188,4,0.75,0.5,"), csv);
    }
}
