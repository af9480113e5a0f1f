package org.qinqing.intake;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.qinqing.intake.grievance.Category;
import org.qinqing.intake.grievance.Grievance;
import org.qinqing.intake.grievance.GrievanceStatus;
import org.qinqing.platform.testing.RealInfrastructure;

/**
 * Who reads which grievance (PLATFORM.md §2): each role within its scope, checked in the query; anything outside
 * it is 404, so existence does not leak.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class ReadingScopesTest {

    static final String USCC = SubmittingGrievanceTest.USCC;
    static final String NINGBO_USCC = SubmittingGrievanceTest.OTHER_USCC;

    static UUID ledBy(String department, String departmentRegion) {
        return StoredGrievances.stored(USCC, g -> {
            g.status = GrievanceStatus.IN_PROGRESS;
            g.leadDepartmentCode = department;
            g.leadDepartmentRegion = departmentRegion;
        });
    }

    static UUID ningboCase() {
        return StoredGrievances.stored(NINGBO_USCC, g -> {
            g.regionCode = "330205";
            g.leadDepartmentCode = "NB-JRB";
            g.leadDepartmentRegion = "330200";
        });
    }

    /** A tip-off against Xihu's market regulator, handled by the province's discipline commission. */
    static UUID tipOff() {
        return StoredGrievances.stored(USCC, g -> {
            g.category = Category.TIP_OFF;
            g.respondentDepartment = "XH-SCJG";
            g.leadDepartmentCode = "ZJ-JW";
            g.leadDepartmentRegion = "330000";
        });
    }

    @Test
    @TestSecurity(user = "staff-hz-jrb", roles = "dept-staff")
    @OidcSecurity(claims = @Claim(key = "department", value = "HZ-JRB"))
    void departmentStaff_seeTheirLeadAndCoHandlingCases_untilTheyReturnThem() {
        UUID lead = ledBy("HZ-JRB", "330100");
        UUID coHandling = StoredGrievances.stored(USCC, g -> {
            g.leadDepartmentCode = "HZ-YSB";
            g.coHandlingDepartments = ",HZ-RSJ,HZ-JRB,";
        });
        UUID others = ledBy("XH-SCJG", "330106");
        UUID tipOff = tipOff();
        given().when().get("/api/v1/grievances/" + lead).then().statusCode(200);
        given().when().get("/api/v1/grievances/" + coHandling).then().statusCode(200);
        given().when().get("/api/v1/grievances/" + others).then().statusCode(404);
        given().when().get("/api/v1/grievances/" + others + "/timeline").then().statusCode(404);
        given().when().get("/api/v1/grievances/" + tipOff).then().statusCode(404);
        given().when().get("/api/v1/grievances?size=100").then().statusCode(200)
                .body("id", hasItems(lead.toString(), coHandling.toString()))
                .body("id", not(hasItem(others.toString()))).body("id", not(hasItem(tipOff.toString())));

        IntakeTopic.publish("routing", lead, "returned", 10, Map.of("department", "HZ-JRB", "reason", "不属于本单位职责",
                "basis", "三定方案", "returnCount", 1, "round", 1));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().when().get("/api/v1/grievances/" + lead).then().statusCode(404));
    }

    @Test
    @TestSecurity(user = "staff-hz-jrb", roles = "dept-staff")
    @OidcSecurity(claims = @Claim(key = "department", value = "HZ-JRB"))
    void departmentStaff_seeInternalNotesOnTheTimeline() {
        UUID id = ledBy("HZ-JRB", "330100");
        IntakeTopic.publish("routing", id, "note-added", 1, Map.of("department", "HZ-JRB", "text", "内部：需与银行核实",
                "visibility", "INTERNAL"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().when().get("/api/v1/grievances/" + id + "/timeline")
                .then().statusCode(200).body("detail", hasItem("内部：需与银行核实")));
    }

    @Test
    @TestSecurity(user = "supervisor-hz", roles = "supervisor")
    @OidcSecurity(claims = { @Claim(key = "department", value = "HZ-YSB"), @Claim(key = "region", value = "330100") })
    void aSupervisor_seesItsRegionAndBelow_butNotAnotherCity_norACaseAgainstItsOwnOffice() {
        UUID district = ledBy("XH-SCJG", "330106");
        UUID ningbo = ningboCase();
        UUID againstOwnOffice = StoredGrievances.stored(USCC, g -> g.respondentDepartment = "HZ-YSB");
        given().when().get("/api/v1/grievances/" + district).then().statusCode(200);
        given().when().get("/api/v1/grievances/" + ningbo).then().statusCode(404);
        given().when().get("/api/v1/grievances/" + againstOwnOffice).then().statusCode(404);
        given().when().get("/api/v1/grievances?size=100").then().statusCode(200)
                .body("regionCode", everyItem(org.hamcrest.Matchers.startsWith("3301")));
    }

    @Test
    @TestSecurity(user = "oversight-zj", roles = "oversight")
    @OidcSecurity(claims = { @Claim(key = "department", value = "ZJ-JW"), @Claim(key = "region", value = "330000") })
    void theOversightBody_seesItsTipOffs_andWhatAnEscalationBroughtToIt_butNothingElse() {
        UUID tipOff = tipOff();
        UUID ordinary = ledBy("XH-SCJG", "330106");
        given().when().get("/api/v1/grievances/" + tipOff).then().statusCode(200).body("category", equalTo("TIP_OFF"));
        given().when().get("/api/v1/grievances/" + ordinary).then().statusCode(404);

        IntakeTopic.publish("deadline", ordinary, "escalated", 7, Map.of("clock", "REPLY", "round", 1, "department", "XH-SCJG",
                "level", 3, "dueAt", "2026-11-02T09:30:00Z", "target", "OVERSIGHT", "targetRegion", "330000"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().when().get("/api/v1/grievances/" + ordinary)
                .then().statusCode(200).body("escalationLevel", equalTo(3)));
    }

    @Test
    @TestSecurity(user = "operator-hz", roles = "operator")
    @OidcSecurity(claims = @Claim(key = "region", value = "330100"))
    void anOperator_seesItsRegionsCases_butNeverATipOff() {
        UUID district = ledBy("XH-SCJG", "330106");
        given().when().get("/api/v1/grievances/" + district).then().statusCode(200);
        given().when().get("/api/v1/grievances/" + tipOff()).then().statusCode(404);
        given().when().get("/api/v1/grievances/" + ningboCase()).then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "admin-zj", roles = "admin")
    @OidcSecurity(claims = @Claim(key = "region", value = "330000"))
    void anAdmin_readsNoGrievances() {
        given().when().get("/api/v1/grievances/" + ledBy("XH-SCJG", "330106")).then().statusCode(403);
        given().when().get("/api/v1/grievances").then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "ent-nb", roles = "enterprise")
    @OidcSecurity(claims = @Claim(key = "uscc", value = NINGBO_USCC))
    void theEnterprisesList_filtersByStatusCategoryAndDate_sorts_andCounts() {
        Instant lastYear = Instant.parse("2025-06-10T02:00:00Z");
        UUID old = StoredGrievances.stored(NINGBO_USCC, g -> {
            g.submittedAt = lastYear;
            g.status = GrievanceStatus.CLOSED;
        });
        UUID consultation = StoredGrievances.stored(NINGBO_USCC, g -> {
            g.category = Category.CONSULTATION;
            g.submittedAt = Instant.now().minus(1, ChronoUnit.DAYS);
        });
        UUID newest = StoredGrievances.stored(NINGBO_USCC, g -> g.status = GrievanceStatus.IN_PROGRESS);
        long own = QuarkusTransaction.requiringNew().call(() -> Grievance.count("uscc", NINGBO_USCC));

        given().when().get("/api/v1/grievances?size=1").then().statusCode(200)
                .header("X-Total-Count", String.valueOf(own)).body("id", equalTo(List.of(newest.toString())));
        given().when().get("/api/v1/grievances?status=CLOSED&size=100").then().statusCode(200)
                .body("id", hasItem(old.toString())).body("status", everyItem(equalTo("CLOSED")));
        given().when().get("/api/v1/grievances?category=CONSULTATION&size=100").then().statusCode(200)
                .body("id", equalTo(List.of(consultation.toString())));
        given().when().get("/api/v1/grievances?from=2025-06-10&to=2025-06-10").then().statusCode(200)
                .body("id", equalTo(List.of(old.toString())));
        given().when().get("/api/v1/grievances?sort=submittedAt&size=1").then().statusCode(200)
                .body("id", equalTo(List.of(old.toString())));
        given().when().get("/api/v1/grievances?sort=password").then().statusCode(400)
                .contentType("application/problem+json");
        given().when().get("/api/v1/grievances?status=OPENISH").then().statusCode(400).body("errors[0].field", equalTo("status"));
        given().when().get("/api/v1/grievances?from=2026-02-01&to=2026-01-01").then().statusCode(422);
        given().when().get("/api/v1/grievances?from=yesterday").then().statusCode(400).body("errors[0].field", equalTo("from"));
        given().when().get("/api/v1/grievances?size=100").then().body("uscc", everyItem(equalTo(NINGBO_USCC)));
    }
}
