package org.qinqing.intake;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.qinqing.intake.grievance.Category;
import org.qinqing.intake.grievance.Grievance;
import org.qinqing.intake.grievance.GrievanceStatus;
import org.qinqing.intake.rating.Rating;
import org.qinqing.platform.testing.RealInfrastructure;
import org.qinqing.platform.testing.TopicProbe;

/** 好差评: once per reply, logged in or through the signed single-use link; what each rating leads to. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class RatingTest {

    static final String USCC = SubmittingGrievanceTest.USCC;

    /** A case the lead department signed, in its dispatch round 1. */
    static UUID inProgress() {
        return StoredGrievances.stored(USCC, g -> {
            g.status = GrievanceStatus.IN_PROGRESS;
            g.leadDepartmentCode = "HZ-JRB";
            g.leadDepartmentName = "杭州市地方金融管理局";
            g.leadDepartmentRegion = "330100";
            g.dispatchRound = 1;
        });
    }

    static void replied(UUID id, int round, long sequence) {
        IntakeTopic.publish("routing", id, "replied", sequence, Map.of("round", round, "department", "HZ-JRB",
                "text", "已协调银行，贴息将于下周到账（第" + round + "轮）", "replyId", UUID.randomUUID().toString()));
        awaitStatus(id, GrievanceStatus.REPLIED);
    }

    static void awaitStatus(UUID id, GrievanceStatus status) {
        await().atMost(Duration.ofSeconds(30)).until(() -> EnterpriseCommandsTest.status(id) == status);
    }

    static Map<String, Object> rating(String level, String qing, String comment) {
        Map<String, Object> body = new HashMap<>();
        body.put("level", level);
        body.put("solved", level.contains("SATISFIED") && !level.contains("UN"));
        body.put("qinMark", "POSITIVE");
        body.put("qingMark", qing);
        if (comment != null) {
            body.put("comment", comment);
        }
        return body;
    }

    /** The link intake published in rating-invited for the case, after the reply and its rating window are known. */
    static String invitedLink(UUID id, Instant windowEnds) {
        replied(id, 1, 20);
        IntakeTopic.publish("deadline", id, "deadline-set", 30, Map.of("clock", "RATING_WINDOW", "round", 1,
                "department", "HZ-JRB", "dueAt", windowEnds.toString(), "provisional", false, "reason", "STARTED"));
        TopicProbe.Event invited = IntakeTopic.published(id, "rating-invited");
        assertEquals(windowEnds.truncatedTo(ChronoUnit.SECONDS), Instant.parse(invited.data().get("expiresAt").asText())
                .truncatedTo(ChronoUnit.SECONDS));
        return invited.data().get("link").asText();
    }

    static String path(String link) {
        return link.substring(link.indexOf("/api/v1/rating-links/"));
    }

    @Test
    void theReplysSignedLink_ratesOnceWithoutLoggingIn_andASatisfiedRatingCloses() {
        UUID id = inProgress();
        String link = path(invitedLink(id, Instant.now().plus(7, ChronoUnit.DAYS)));
        given().when().get(link).then().statusCode(200).body("reply", containsString("贴息将于下周到账"))
                .body("department", equalTo("杭州市地方金融管理局"));

        given().contentType("application/json").body(Map.of("level", "GREAT")).when().post(link)
                .then().statusCode(400).contentType("application/problem+json");
        assertEquals(GrievanceStatus.REPLIED, EnterpriseCommandsTest.status(id));

        given().contentType("application/json").body(rating("SATISFIED", "POSITIVE", "答复及时"))
                .when().post(link).then().statusCode(200).body("status", equalTo("CLOSED"));
        TopicProbe.Event rated = IntakeTopic.published(id, "rated");
        assertEquals("SATISFIED", rated.data().get("level").asText());
        assertEquals("HZ-JRB", rated.data().get("department").asText());
        assertEquals("RATED_SATISFIED", IntakeTopic.published(id, "closed").data().get("reason").asText());

        given().contentType("application/json").body(rating("VERY_UNSATISFIED", "POSITIVE", null))
                .when().post(link).then().statusCode(409).body("type", containsString("rating-link-used"));
        String forged = link.substring(0, link.length() - 3) + (link.endsWith("AAA") ? "BBB" : "AAA");
        given().when().get(forged).then().statusCode(404);
        given().when().get("/api/v1/rating-links/not-a-token").then().statusCode(404);
    }

    @Test
    void aLinkPastTheRatingWindow_isGone() {
        UUID id = inProgress();
        String link = path(invitedLink(id, Instant.now().minus(1, ChronoUnit.MINUTES)));
        given().when().get(link).then().statusCode(410).body("type", containsString("rating-link-expired"));
        given().contentType("application/json").body(rating("SATISFIED", "POSITIVE", null)).when().post(link)
                .then().statusCode(410);
        assertEquals(GrievanceStatus.REPLIED, EnterpriseCommandsTest.status(id));
    }

    @Test
    @TestSecurity(user = "ent-hz", roles = "enterprise")
    @OidcSecurity(claims = @Claim(key = "uscc", value = USCC))
    void twoUnsatisfiedRatingsReopen_theThirdGoesToASupervisor_whoseFindingCloses() {
        UUID id = inProgress();
        long routing = 20;
        for (int round = 1; round <= 3; round++) {
            if (round > 1) {
                IntakeTopic.publish("routing", id, "dispatched", ++routing, Map.of("round", round, "cause", "REOPENED",
                        "lead", Map.of("code", "HZ-JRB", "name", "杭州市地方金融管理局", "region", "330100")),
                        "signed", ++routing, Map.of("department", "HZ-JRB", "round", round));
                awaitStatus(id, GrievanceStatus.IN_PROGRESS);
            }
            replied(id, round, ++routing);
            String status = given().contentType("application/json").body(rating(round == 2 ? "VERY_UNSATISFIED" : "UNSATISFIED", "POSITIVE", null))
                    .when().post("/api/v1/grievances/" + id + "/rating").then().statusCode(200).extract().path("status");
            assertEquals(round < 3 ? "REOPENED" : "AWAITING_SUPERVISOR", status);
            given().contentType("application/json").body(rating("SATISFIED", "POSITIVE", null))
                    .when().post("/api/v1/grievances/" + id + "/rating").then().statusCode(409);
        }
        var reopenings = IntakeTopic.allPublished(id, Duration.ofSeconds(3)).stream()
                .filter(e -> e.type().endsWith(".reopened.v1")).map(e -> e.data().get("round").asInt()).toList();
        assertEquals(java.util.List.of(1, 2), reopenings);
        TopicProbe.Event limit = IntakeTopic.published(id, "reopen-limit-reached");
        assertEquals(3, limit.data().get("rounds").asInt());
        assertEquals("330100", limit.data().get("region").asText());
        given().when().get("/api/v1/grievances/" + id + "/ratings").then().statusCode(200).body("size()", equalTo(3));
        given().contentType("application/json").body(Map.of("reason", "不想等了"))
                .when().post("/api/v1/grievances/" + id + "/withdrawal").then().statusCode(409);

        IntakeTopic.publish("deadline", id, "reopen-decided", 40, Map.of("decision", "CLOSE_WITH_FINDING",
                "reason", "三次办理均已依法答复", "finding", "企业诉求超出政策范围，已充分解释"));
        awaitStatus(id, GrievanceStatus.CLOSED);
        TopicProbe.Event closed = IntakeTopic.published(id, "closed");
        assertEquals("SUPERVISOR_FINDING", closed.data().get("reason").asText());
        assertEquals("企业诉求超出政策范围，已充分解释", closed.data().get("finding").asText());
    }

    @Test
    @TestSecurity(user = "ent-hz", roles = "enterprise")
    @OidcSecurity(claims = @Claim(key = "uscc", value = USCC))
    void aNegativeQingMark_becomesATipOffAgainstTheRatedDepartment_withoutNamingTheRater() {
        UUID id = inProgress();
        replied(id, 1, 20);
        given().contentType("application/json").body(rating("BASICALLY_SATISFIED", "NEGATIVE", null))
                .when().post("/api/v1/grievances/" + id + "/rating")
                .then().statusCode(400).body("errors[0].field", containsString("comment"));
        given().contentType("application/json").body(rating("BASICALLY_SATISFIED", "NEGATIVE", "办事人员暗示需要请客才能加快"))
                .when().post("/api/v1/grievances/" + id + "/rating").then().statusCode(200).body("status", equalTo("CLOSED"));

        UUID tipOff = QuarkusTransaction.requiringNew().call(() -> Rating.<Rating>find("grievanceId", id).firstResult().tipOffId);
        assertNotNull(tipOff);
        Grievance raised = QuarkusTransaction.requiringNew().call(() -> Grievance.findById(tipOff));
        assertEquals(Category.TIP_OFF, raised.category);
        assertEquals("HZ-JRB", raised.respondentDepartment);
        assertEquals(GrievanceStatus.ACCEPTED, raised.status);
        TopicProbe.Event accepted = IntakeTopic.published(tipOff, "accepted");
        assertEquals("HZ-JRB", accepted.data().get("respondentDepartment").asText());
        assertEquals("TIP_OFF", accepted.data().get("category").asText());
        assertNull(accepted.data().get("uscc"));
        assertNull(accepted.data().get("contact"));
        assertFalse(accepted.data().toString().contains(USCC));
    }

    @Test
    @TestSecurity(user = "ent-hz", roles = "enterprise")
    @OidcSecurity(claims = @Claim(key = "uscc", value = USCC))
    void aRatingWindowThatEnds_closesTheCaseUnrated() {
        UUID id = inProgress();
        replied(id, 1, 20);
        IntakeTopic.publish("deadline", id, "rating-window-expired", 31, Map.of("dueAt", Instant.now().toString()));
        awaitStatus(id, GrievanceStatus.CLOSED);
        assertEquals("RATING_WINDOW_EXPIRED", IntakeTopic.published(id, "closed").data().get("reason").asText());
        given().contentType("application/json").body(rating("SATISFIED", "POSITIVE", null))
                .when().post("/api/v1/grievances/" + id + "/rating").then().statusCode(409).body("currentStatus", equalTo("CLOSED"));
    }

    @Test
    @TestSecurity(user = "ent-nb", roles = "enterprise")
    @OidcSecurity(claims = @Claim(key = "uscc", value = SubmittingGrievanceTest.OTHER_USCC))
    void anotherEnterprise_cannotRateIt() {
        UUID id = inProgress();
        replied(id, 1, 20);
        given().contentType("application/json").body(rating("VERY_UNSATISFIED", "POSITIVE", null))
                .when().post("/api/v1/grievances/" + id + "/rating").then().statusCode(404);
        assertEquals(GrievanceStatus.REPLIED, EnterpriseCommandsTest.status(id));
    }
}
