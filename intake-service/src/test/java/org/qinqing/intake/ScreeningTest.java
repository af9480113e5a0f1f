package org.qinqing.intake;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.qinqing.intake.grievance.GrievanceStatus;
import org.qinqing.intake.grievance.TimelineEntry;
import org.qinqing.platform.testing.RealInfrastructure;
import org.qinqing.platform.testing.TopicProbe;

/** Screening (受理审核): what waits for an operator, and the operator's accept, reject and merge; operator registration. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class ScreeningTest {

    static final String USCC = SubmittingGrievanceTest.USCC;

    static List<String> steps(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> TimelineEntry.<TimelineEntry>list("grievanceId", id)
                .stream().map(e -> e.step).toList());
    }

    /** A submission screening held, in Hangzhou's Xihu district. */
    static UUID held(String reason) {
        return StoredGrievances.stored(USCC, g -> {
            g.status = GrievanceStatus.SUBMITTED;
            g.screeningReason = reason;
        });
    }

    @Test
    @TestSecurity(user = "ent-hz", roles = "enterprise")
    @OidcSecurity(claims = @Claim(key = "uscc", value = USCC))
    void theSameMatterTwice_theSecondWaitsAsASuspectedDuplicate_andOnlyTheFirstIsAccepted() {
        Map<String, Object> body = SubmittingGrievanceTest.submission(USCC);
        body.put("title", "环评审批材料被反复要求补正");
        body.put("content", "我司新建厂房项目的环评审批材料已按要求补正三次，每次都被告知还缺新的材料，请协调一次性告知。");
        String first = given().contentType("application/json").body(body).when().post("/api/v1/grievances")
                .then().statusCode(201).body("status", equalTo("ACCEPTED")).extract().path("id");
        String firstNumber = given().when().get("/api/v1/grievances/" + first).then().extract().path("trackingNumber");

        body.put("content", "我司新建厂房项目环评审批材料已按要求补正三次，每次都被告知还缺新材料，请协调一次性告知！");
        UUID second = UUID.fromString(given().contentType("application/json").body(body).when().post("/api/v1/grievances")
                .then().statusCode(201).body("status", equalTo("SUBMITTED"))
                .body("screeningReason", containsString(firstNumber))
                .body("suspectedDuplicateOf", equalTo(first)).extract().path("id"));
        IntakeTopic.published(second, "submitted");
        assertEquals(List.of("submitted", "held-for-screening"), steps(second));
    }

    @Test
    @TestSecurity(user = "ent-hz", roles = "enterprise")
    @OidcSecurity(claims = @Claim(key = "uscc", value = USCC))
    void aMatterBeforeTheCourts_waitsForAnOperator() {
        Map<String, Object> body = SubmittingGrievanceTest.submission(USCC);
        body.put("content", "供应商拖欠货款一百二十万元，目前已起诉至西湖区人民法院，希望政府督促尽快付款。");
        given().contentType("application/json").body(body).when().post("/api/v1/grievances")
                .then().statusCode(201).body("status", equalTo("SUBMITTED"))
                .body("screeningReason", containsString("已起诉"));
    }

    @Test
    @TestSecurity(user = "operator-hz", roles = "operator")
    @OidcSecurity(claims = @Claim(key = "region", value = "330100"))
    void anOperatorRejectsWithAReason_whichTheEnterpriseIsTold_andOnlyOnce() {
        UUID id = held("含有“已起诉”");
        given().when().get("/api/v1/screening-queue?size=100").then().statusCode(200).body("id", hasItem(id.toString()));
        given().contentType("application/json").body(Map.of("reason", " ")).when().post("/api/v1/grievances/" + id + "/rejection")
                .then().statusCode(400).body("errors[0].field", containsString("reason"));
        given().contentType("application/json").body(Map.of("reason", "已进入司法程序，请依法通过诉讼解决"))
                .when().post("/api/v1/grievances/" + id + "/rejection")
                .then().statusCode(200).body("status", equalTo("REJECTED"))
                .body("rejectionReason", equalTo("已进入司法程序，请依法通过诉讼解决"));
        TopicProbe.Event rejected = IntakeTopic.published(id, "rejected");
        assertEquals("已进入司法程序，请依法通过诉讼解决", rejected.data().get("reason").asText());
        assertEquals(USCC, rejected.data().get("uscc").asText());
        assertEquals("operator", rejected.data().get("actor").get("role").asText());

        given().contentType("application/json").body(Map.of("reason", "再次"))
                .when().post("/api/v1/grievances/" + id + "/rejection")
                .then().statusCode(409).contentType("application/problem+json").body("currentStatus", equalTo("REJECTED"));
        given().when().post("/api/v1/grievances/" + id + "/acceptance")
                .then().statusCode(409).body("currentStatus", equalTo("REJECTED"));
        given().when().get("/api/v1/screening-queue?size=100").then().body("id", not(hasItem(id.toString())));
    }

    @Test
    @TestSecurity(user = "operator-hz", roles = "operator")
    @OidcSecurity(claims = @Claim(key = "region", value = "330100"))
    void anOperatorAcceptsAHeldSubmission_andRoutingIsToldAccepted() {
        UUID id = held("疑似重复");
        given().when().post("/api/v1/grievances/" + id + "/acceptance")
                .then().statusCode(200).body("status", equalTo("ACCEPTED"));
        assertEquals("330106", IntakeTopic.published(id, "accepted").data().get("regionCode").asText());
    }

    @Test
    @TestSecurity(user = "operator-hz", roles = "operator")
    @OidcSecurity(claims = @Claim(key = "region", value = "330100"))
    void anOperatorMergesADuplicateIntoTheOpenCase_andBothTimelinesSaySo() {
        UUID open = StoredGrievances.accepted(USCC);
        UUID duplicate = held("疑似重复");
        given().contentType("application/json").body(Map.of("into", duplicate.toString()))
                .when().post("/api/v1/grievances/" + duplicate + "/merge").then().statusCode(422);
        UUID closed = StoredGrievances.stored(USCC, g -> g.status = GrievanceStatus.CLOSED);
        given().contentType("application/json").body(Map.of("into", closed.toString()))
                .when().post("/api/v1/grievances/" + duplicate + "/merge")
                .then().statusCode(409).body("currentStatus", equalTo("CLOSED"));

        given().contentType("application/json").body(Map.of("into", open.toString()))
                .when().post("/api/v1/grievances/" + duplicate + "/merge")
                .then().statusCode(200).body("status", equalTo("MERGED")).body("mergedInto", equalTo(open.toString()));
        assertEquals(open.toString(), IntakeTopic.published(duplicate, "merged").data().get("mergedInto").asText());
        given().when().get("/api/v1/grievances/" + open + "/timeline").then().statusCode(200).body("step", hasItem("merged-in"));
    }

    @Test
    @TestSecurity(user = "operator-nb", roles = "operator")
    @OidcSecurity(claims = @Claim(key = "region", value = "330200"))
    void anotherCitysOperator_neitherSeesNorScreensIt() {
        UUID id = held("疑似重复");
        given().when().get("/api/v1/screening-queue?size=100").then().statusCode(200).body("id", not(hasItem(id.toString())));
        given().when().post("/api/v1/grievances/" + id + "/acceptance").then().statusCode(404);
        given().contentType("application/json").body(Map.of("reason", "不属于受理范围"))
                .when().post("/api/v1/grievances/" + id + "/rejection").then().statusCode(404);
        assertEquals(GrievanceStatus.SUBMITTED, EnterpriseCommandsTest.status(id));
    }

    @Test
    @TestSecurity(user = "operator-hz", roles = "operator")
    @OidcSecurity(claims = @Claim(key = "region", value = "330100"))
    void anOperatorRegistersAHotlineCall_whichIsAcceptedOnRegistration() {
        Map<String, Object> call = SubmittingGrievanceTest.submission(SubmittingGrievanceTest.OTHER_USCC);
        call.put("regionCode", "330205");
        call.put("channel", "HOTLINE");
        UUID id = UUID.fromString(given().contentType("application/json").body(call).when().post("/api/v1/grievances")
                .then().statusCode(201).body("status", equalTo("ACCEPTED")).body("channel", equalTo("HOTLINE"))
                .extract().path("id"));
        TopicProbe.Event accepted = IntakeTopic.published(id, "accepted");
        assertEquals("operator", accepted.data().get("actor").get("role").asText());
        assertEquals("330100", accepted.data().get("actor").get("region").asText());

        call.put("channel", "WEB");
        given().contentType("application/json").body(call).when().post("/api/v1/grievances")
                .then().statusCode(422).contentType("application/problem+json");
        assertFalse(steps(id).contains("held-for-screening"));
    }
}
