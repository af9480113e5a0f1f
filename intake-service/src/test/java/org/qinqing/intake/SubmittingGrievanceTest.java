package org.qinqing.intake;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.RestAssured;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qinqing.intake.grievance.Grievance;
import org.qinqing.platform.testing.RealInfrastructure;
import org.qinqing.platform.testing.TopicProbe;

@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class SubmittingGrievanceTest {

    static final String USCC = "91330106MA2B2C3D4W";
    static final String OTHER_USCC = "91330205MA2H7K8L9F";

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    static Map<String, Object> submission(String uscc) {
        Map<String, Object> body = new HashMap<>();
        body.put("uscc", uscc);
        body.put("enterpriseName", "杭州青禾科技有限公司");
        body.put("enterpriseSize", "SMALL");
        body.put("ownership", "PRIVATE");
        body.put("regionCode", "330106");
        body.put("contactName", "王经理");
        body.put("contactPhone", "13800571234");
        body.put("channel", "WEB");
        body.put("category", "HELP_REQUEST");
        body.put("subjectArea", "FINANCING");
        body.put("urgency", "NORMAL");
        body.put("title", "融资贷款审批迟迟没有结果");
        // each case its own application number, so screening does not hold it as a duplicate of the last test's
        body.put("content", "我公司三月提交的科技型中小企业贷款贴息申请至今没有答复，请帮助协调。申请编号 " + java.util.UUID.randomUUID());
        return body;
    }

    @Test
    @TestSecurity(user = "ent-hz", roles = "enterprise")
    @OidcSecurity(claims = @Claim(key = "uscc", value = USCC))
    void validSubmission_isStoredAccepted_andPublishesSubmittedAndAccepted() {
        String id = given().contentType("application/json").body(submission(USCC))
                .when().post("/api/v1/grievances")
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/grievances/"))
                .body("status", equalTo("ACCEPTED"))
                .body("trackingNumber", matchesPattern("QQ\\d{8}\\d{6}"))
                .extract().path("id");

        given().when().get("/api/v1/grievances/" + id)
                .then().statusCode(200).body("uscc", equalTo(USCC)).body("status", equalTo("ACCEPTED"));

        try (TopicProbe probe = new TopicProbe(RealInfrastructure.broker().bootstrapServers())) {
            List<TopicProbe.Event> events = probe.read("qinqing.intake.events", Duration.ofSeconds(30),
                    read -> read.stream().filter(e -> id.equals(e.key())).count() >= 2)
                    .stream().filter(e -> id.equals(e.key())).toList();
            assertEquals(List.of("cn.qinqing.intake.submitted.v1", "cn.qinqing.intake.accepted.v1"),
                    events.stream().map(TopicProbe.Event::type).toList());
            TopicProbe.Event accepted = events.get(1);
            assertEquals("/qinqing/intake", accepted.source());
            assertEquals(id, accepted.subject());
            assertEquals(id, accepted.data().get("grievanceId").asText());
            assertEquals(2, accepted.data().get("sequence").asLong());
            assertEquals(USCC, accepted.data().get("uscc").asText());
            assertEquals("HELP_REQUEST", accepted.data().get("category").asText());
            assertTrue(accepted.data().get("actor").has("role"));
        }
    }

    @Test
    @TestSecurity(user = "ent-hz", roles = "enterprise")
    @OidcSecurity(claims = @Claim(key = "uscc", value = USCC))
    void wrongCheckCharacter_isA400NamingTheField_andStoresNothing() {
        long before = Grievance.count();
        Map<String, Object> body = submission("91330106MA2B2C3D4X");
        body.put("contactPhone", "12345");
        given().contentType("application/json").header("Accept-Language", "en").body(body)
                .when().post("/api/v1/grievances")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:qinqing:problem:invalid-input"))
                .body("status", equalTo(400))
                .body("errors.field", hasItem("uscc"))
                .body("errors.field", hasItem("contactPhone"));
        assertEquals(before, Grievance.count());
    }

    @Test
    @TestSecurity(user = "ent-hz", roles = "enterprise")
    @OidcSecurity(claims = @Claim(key = "uscc", value = USCC))
    void unknownCategory_andBrokenJson_areProblemsNamingTheField() {
        long before = Grievance.count();
        Map<String, Object> body = submission(USCC);
        body.put("category", "GOSSIP");
        given().contentType("application/json").body(body)
                .when().post("/api/v1/grievances")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("category"));
        given().contentType("application/json").body("{\"uscc\": ")
                .when().post("/api/v1/grievances")
                .then().statusCode(400).contentType("application/problem+json");
        assertEquals(before, Grievance.count());
    }

    @Test
    void withoutToken_is401() {
        given().contentType("application/json").body(submission(USCC))
                .when().post("/api/v1/grievances")
                .then().statusCode(401);
    }

    @Test
    @TestSecurity(user = "staff-xh-scjg", roles = "dept-staff")
    void withoutEnterpriseRole_is403_andStoresNothing() {
        long before = Grievance.count();
        given().contentType("application/json").body(submission(USCC))
                .when().post("/api/v1/grievances")
                .then().statusCode(403).contentType("application/problem+json");
        assertEquals(before, Grievance.count());
    }

    @Test
    @TestSecurity(user = "ent-hz", roles = "enterprise")
    @OidcSecurity(claims = @Claim(key = "uscc", value = USCC))
    void anotherEnterprisesUscc_isForbidden() {
        given().contentType("application/json").body(submission(OTHER_USCC))
                .when().post("/api/v1/grievances")
                .then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "ent-nb", roles = "enterprise")
    @OidcSecurity(claims = @Claim(key = "uscc", value = OTHER_USCC))
    void oneEnterpriseNeverSeesAnothersGrievance() {
        String hangzhouCase = StoredGrievances.accepted(USCC).toString();
        given().when().get("/api/v1/grievances/" + hangzhouCase)
                .then().statusCode(404).contentType("application/problem+json");
        given().when().get("/api/v1/grievances/" + java.util.UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "ent-hz", roles = "enterprise")
    @OidcSecurity(claims = @Claim(key = "uscc", value = USCC))
    void aRetryWithTheSameIdempotencyKey_returnsTheFirstResult_andCreatesNothing() {
        long before = Grievance.count();
        String key = "retry-" + java.util.UUID.randomUUID();
        Map<String, Object> body = submission(USCC);
        var first = given().contentType("application/json").header("Idempotency-Key", key).body(body)
                .when().post("/api/v1/grievances").then().statusCode(201).extract();
        var retry = given().contentType("application/json").header("Idempotency-Key", key).body(body)
                .when().post("/api/v1/grievances").then().statusCode(201).extract();
        assertEquals(first.<String>path("id"), retry.<String>path("id"));
        assertEquals(first.<String>path("trackingNumber"), retry.<String>path("trackingNumber"));
        assertEquals(before + 1, Grievance.count());

        Map<String, Object> other = new HashMap<>(body);
        other.put("title", "另一件事");
        given().contentType("application/json").header("Idempotency-Key", key).body(other)
                .when().post("/api/v1/grievances").then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:qinqing:problem:idempotency-key-reused"));
        assertEquals(before + 1, Grievance.count());
    }

    static double acceptedAutomatically() {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith("qinqing_grievances_accepted_total{") && l.contains("by=\"automatic\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    @TestSecurity(user = "ent-hz", roles = "enterprise")
    @OidcSecurity(claims = @Claim(key = "uscc", value = USCC))
    void anAcceptedSubmission_countsOnce_inTheDomainMetrics_andARefusedOneNotAtAll() {
        double before = acceptedAutomatically();
        given().contentType("application/json").body(submission(USCC)).when().post("/api/v1/grievances").then().statusCode(201);
        Map<String, Object> invalid = submission(USCC);
        invalid.put("regionCode", "990000");
        given().contentType("application/json").body(invalid).when().post("/api/v1/grievances").then().statusCode(400);
        assertEquals(before + 1, acceptedAutomatically());
    }

    @Test
    @TestSecurity(user = "ent-hz", roles = "enterprise")
    @OidcSecurity(claims = @Claim(key = "uscc", value = USCC))
    void aRespondentDepartment_isNamedOnlyInAComplaintOrATipOff() {
        long before = Grievance.count();
        Map<String, Object> consultation = submission(USCC);
        consultation.put("category", "CONSULTATION");
        consultation.put("respondentDepartment", "XH-SCJG");
        given().contentType("application/json").body(consultation).when().post("/api/v1/grievances")
                .then().statusCode(400).body("errors.field", hasItem(containsString("respondentOnlyForComplaintsAndTipOffs")));
        assertEquals(before, Grievance.count());
        consultation.put("category", "COMPLAINT");
        given().contentType("application/json").body(consultation).when().post("/api/v1/grievances").then().statusCode(201);
    }
}
