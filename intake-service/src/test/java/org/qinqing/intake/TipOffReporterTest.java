package org.qinqing.intake;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.qinqing.intake.grievance.Category;
import org.qinqing.intake.grievance.Grievance;
import org.qinqing.intake.reporter.ReporterAccess;
import org.qinqing.intake.reporter.ReporterIdentity;
import org.qinqing.intake.reporter.ReporterVault;
import org.qinqing.platform.testing.RealInfrastructure;
import org.qinqing.platform.testing.TopicProbe;

/** A tip-off's reporter: encrypted at rest, never on a topic, read only by the handling commission, every read audited. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class TipOffReporterTest {

    static final String USCC = SubmittingGrievanceTest.USCC;
    static final String PHONE = "13800571234";

    @Inject
    ReporterVault vault;
    @Inject
    EntityManager entityManager;

    static Map<String, Object> tipOff() {
        Map<String, Object> body = SubmittingGrievanceTest.submission(USCC);
        body.put("category", "TIP_OFF");
        body.put("subjectArea", "FEES_AND_CHARGES");
        body.put("title", "检查人员索要好处费");
        body.put("content", "西湖区市场监管局执法人员检查时暗示缴纳“服务费”才能尽快通过。");
        body.put("respondentDepartment", "XH-SCJG");
        return body;
    }

    /** A tip-off the province's commission handles, with its reporter in the vault. */
    UUID handledByTheProvincesCommission() {
        UUID id = StoredGrievances.stored(USCC, g -> {
            g.category = Category.TIP_OFF;
            g.uscc = null;
            g.enterpriseName = null;
            g.respondentDepartment = "XH-SCJG";
            g.leadDepartmentCode = "ZJ-JW";
            g.leadDepartmentRegion = "330000";
        });
        QuarkusTransaction.requiringNew().run(() -> vault.store(id, new ReporterIdentity(false, USCC, "杭州青禾科技有限公司",
                "SMALL", "PRIVATE", "王经理", PHONE, null)));
        return id;
    }

    static long accesses(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> ReporterAccess.count("grievanceId", id));
    }

    @Test
    @TestSecurity(user = "ent-hz", roles = "enterprise")
    @OidcSecurity(claims = @Claim(key = "uscc", value = USCC))
    void aNamedTipOff_keepsTheReporterOutOfTheRowAndOffTheTopic_yetTheEnterpriseFollowsIt() {
        UUID id = UUID.fromString(given().contentType("application/json").body(tipOff()).when().post("/api/v1/grievances")
                .then().statusCode(201).body("uscc", nullValue()).body("enterpriseName", nullValue())
                .body("queryCode", nullValue()).extract().path("id"));
        Grievance stored = QuarkusTransaction.requiringNew().call(() -> Grievance.findById(id));
        assertNull(stored.uscc);
        assertNull(stored.enterpriseName);
        assertNull(stored.contactPhone);
        byte[] ciphertext = QuarkusTransaction.requiringNew().call(() -> (byte[]) entityManager
                .createNativeQuery("SELECT ciphertext FROM reporter_identity WHERE grievance_id = ?1").setParameter(1, id)
                .getSingleResult());
        assertFalse(new String(ciphertext, StandardCharsets.ISO_8859_1).contains(USCC), "identity stored in the clear");

        for (String event : new String[] { "submitted", "accepted" }) {
            TopicProbe.Event published = IntakeTopic.published(id, event);
            assertFalse(published.data().toString().contains(USCC), event + " carries the USCC");
            assertFalse(published.data().toString().contains(PHONE), event + " carries the phone");
            assertEquals("reporter:" + id, published.data().get("reporterRef").asText());
        }
        given().when().get("/api/v1/grievances/" + id).then().statusCode(200).body("category", equalTo("TIP_OFF"));
        given().when().get("/api/v1/grievances?category=TIP_OFF&size=100").then().statusCode(200).body("id", hasItem(id.toString()));
    }

    @Test
    @TestSecurity(user = "ent-hz", roles = "enterprise")
    @OidcSecurity(claims = @Claim(key = "uscc", value = USCC))
    void anAnonymousTipOff_isLinkedToNobody_andFollowedWithItsQueryCode() {
        Map<String, Object> body = tipOff();
        body.remove("uscc");
        body.remove("enterpriseName");
        body.remove("contactName");
        body.remove("contactPhone");
        body.put("anonymous", true);
        var created = given().contentType("application/json").body(body).when().post("/api/v1/grievances")
                .then().statusCode(201).body("anonymous", equalTo(true)).body("queryCode", notNullValue()).extract();
        String id = created.path("id");
        given().when().get("/api/v1/grievances?size=100").then().body("id", not(hasItem(id)));
        given().when().get("/api/v1/grievances/" + id).then().statusCode(404);
        given().queryParam("trackingNumber", created.<String>path("trackingNumber")).queryParam("queryCode", created.<String>path("queryCode"))
                .when().get("/api/v1/tip-off-lookup").then().statusCode(200).body("status", equalTo("ACCEPTED"));
        given().queryParam("trackingNumber", created.<String>path("trackingNumber")).queryParam("queryCode", "guessed-code")
                .when().get("/api/v1/tip-off-lookup").then().statusCode(404);

        Map<String, Object> anonymousComplaint = SubmittingGrievanceTest.submission(USCC);
        anonymousComplaint.put("anonymous", true);
        given().contentType("application/json").body(anonymousComplaint).when().post("/api/v1/grievances")
                .then().statusCode(400).body("errors.field", hasItem(containsString("anonymousOnlyForTipOffs")));
        Map<String, Object> unnamed = tipOff();
        unnamed.remove("uscc");
        given().contentType("application/json").body(unnamed).when().post("/api/v1/grievances")
                .then().statusCode(400).body("errors.field", hasItem(containsString("enterpriseNamedUnlessAnonymous")));
    }

    @Test
    @TestSecurity(user = "oversight-zj", roles = "oversight")
    @OidcSecurity(claims = { @Claim(key = "department", value = "ZJ-JW"), @Claim(key = "region", value = "330000") })
    void theHandlingCommission_readsTheReporter_withAStatedPurpose_andTheReadIsAudited() {
        UUID id = handledByTheProvincesCommission();
        given().when().get("/api/v1/grievances/" + id + "/reporter").then().statusCode(400);
        assertEquals(0, accesses(id));
        given().queryParam("purpose", "核实举报线索，需联系举报人").when().get("/api/v1/grievances/" + id + "/reporter")
                .then().statusCode(200).body("uscc", equalTo(USCC)).body("contactPhone", equalTo(PHONE));
        ReporterAccess access = QuarkusTransaction.requiringNew().call(() -> ReporterAccess.<ReporterAccess>find("grievanceId", id).firstResult());
        assertEquals("oversight-zj", access.accessor);
        assertEquals("ZJ-JW", access.department);
        assertEquals("IDENTITY", access.what);
        assertEquals("核实举报线索，需联系举报人", access.purpose);
    }

    @Test
    @TestSecurity(user = "oversight-hz", roles = "oversight")
    @OidcSecurity(claims = { @Claim(key = "department", value = "HZ-JW"), @Claim(key = "region", value = "330100") })
    void anotherCommission_learnsNothing_andLeavesNoAuditRow() {
        UUID id = handledByTheProvincesCommission();
        given().queryParam("purpose", "核实").when().get("/api/v1/grievances/" + id + "/reporter").then().statusCode(404);
        assertEquals(0, accesses(id));
    }

    @Test
    @TestSecurity(user = "supervisor-hz", roles = "supervisor")
    @OidcSecurity(claims = { @Claim(key = "department", value = "HZ-YSB"), @Claim(key = "region", value = "330100") })
    void aSupervisor_neverReadsTheReporter() {
        UUID id = handledByTheProvincesCommission();
        given().queryParam("purpose", "了解情况").when().get("/api/v1/grievances/" + id + "/reporter").then().statusCode(403);
        assertEquals(0, accesses(id));
    }

    @Test
    @TestSecurity(user = "service-account-qinqing-notification", roles = "notification-service")
    void notification_getsTheContactOnly_throughTheAuditedInternalCall() {
        UUID id = handledByTheProvincesCommission();
        given().queryParam("purpose", "RECEIPT").when().get("/internal/v1/grievances/" + id + "/reporter-contact")
                .then().statusCode(200).body("phone", equalTo(PHONE)).body("uscc", nullValue());
        assertEquals(1, accesses(id));
        given().queryParam("purpose", "RECEIPT").when().get("/internal/v1/grievances/" + StoredGrievances.accepted(USCC)
                + "/reporter-contact").then().statusCode(404);
        given().queryParam("purpose", "CURIOSITY").when().get("/internal/v1/grievances/" + id + "/reporter-contact")
                .then().statusCode(400);
    }

    @Test
    @TestSecurity(user = "ent-hz", roles = "enterprise")
    @OidcSecurity(claims = @Claim(key = "uscc", value = USCC))
    void anEnterprise_cannotCallTheInternalContactEndpoint() {
        given().queryParam("purpose", "RECEIPT").when().get("/internal/v1/grievances/" + handledByTheProvincesCommission()
                + "/reporter-contact").then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "admin-zj", roles = "admin")
    void anAdmin_readsTheAccessAudit_butNotTheReporter() {
        UUID id = handledByTheProvincesCommission();
        QuarkusTransaction.requiringNew().run(() -> {
            ReporterAccess access = new ReporterAccess();
            access.grievanceId = id;
            access.accessor = "oversight-zj";
            access.role = "oversight";
            access.department = "ZJ-JW";
            access.purpose = "核实";
            access.what = "IDENTITY";
            access.accessedAt = java.time.Instant.now();
            access.persist();
        });
        given().queryParam("grievanceId", id.toString()).when().get("/api/v1/reporter-access").then().statusCode(200)
                .body("accessor", equalTo(java.util.List.of("oversight-zj")));
        given().queryParam("purpose", "核实").when().get("/api/v1/grievances/" + id + "/reporter").then().statusCode(403);
    }
}
