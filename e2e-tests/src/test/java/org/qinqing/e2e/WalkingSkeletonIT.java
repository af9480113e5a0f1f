package org.qinqing.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.restassured.RestAssured;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qinqing.platform.KeycloakServer;
import org.qinqing.platform.LocalPlatform;
import org.qinqing.platform.RealmDefinition;

/**
 * The thinnest real path through all four services, started with the launcher a user runs (on free ports and
 * throw-away databases): an enterprise with a Keycloak token submits; routing dispatches; deadline sets the
 * clocks; notification tells the enterprise; intake shows DISPATCHED with the department and the due time.
 */
public class WalkingSkeletonIT {

    static LocalPlatform platform;
    static String realm;

    @BeforeAll
    static void startPlatform() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        platform = new LocalPlatform(LocalPlatform.Settings.throwAway(Path.of("target", "e2e-platform").toAbsolutePath()))
                .start();
        realm = platform.keycloak().realmUrl(RealmDefinition.REALM);
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    static String intake() {
        return platform.settings().serviceUrl("intake");
    }

    static String token(String user) {
        return KeycloakServer.passwordGrant(realm, "qinqing-portal", user, RealmDefinition.DEMO_PASSWORD);
    }

    public static Map<String, Object> grievance() {
        Map<String, Object> body = new HashMap<>();
        body.put("uscc", "91330106MA2B2C3D4W");
        body.put("enterpriseName", "杭州青禾科技有限公司");
        body.put("regionCode", "330106");
        body.put("channel", "APP");
        body.put("category", "HELP_REQUEST");
        body.put("subjectArea", "FINANCING");
        body.put("urgency", "NORMAL");
        body.put("title", "融资贷款审批迟迟没有结果");
        // each case its own application number, so screening does not hold it as a duplicate of the last test's
        body.put("content", "我公司三月提交的科技型中小企业贷款贴息申请至今没有答复，请帮助协调。申请编号 " + java.util.UUID.randomUUID());
        return body;
    }

    @Test
    void submittedGrievance_isDispatchedWithADueTime_andTheEnterpriseIsNotified() {
        String enterprise = token("ent-hz");
        String id = given().auth().oauth2(enterprise).contentType("application/json").body(grievance())
                .when().post(intake() + "/api/v1/grievances")
                .then().statusCode(201).body("status", equalTo("ACCEPTED"))
                .extract().path("id");

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                given().auth().oauth2(enterprise).when().get(intake() + "/api/v1/grievances/" + id)
                        .then().statusCode(200)
                        .body("status", equalTo("DISPATCHED"))
                        .body("leadDepartment.code", equalTo("HZ-JRB"))
                        .body("due.signFor", notNullValue())
                        .body("due.reply", notNullValue()));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().auth().oauth2(enterprise).queryParam("grievanceId", id)
                        .when().get(platform.settings().serviceUrl("notification") + "/api/v1/inbox")
                        .then().statusCode(200)
                        .body("kind", hasItem("dispatched"))
                        .body("find { it.kind == 'dispatched' }.body", containsString("杭州市地方金融管理局")));

        // another enterprise's token cannot tell whether the case exists
        given().auth().oauth2(token("ent-nb")).when().get(intake() + "/api/v1/grievances/" + id)
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void badSubmissions_areRefusedAndStoreNothing() {
        String before = given().auth().oauth2(token("ent-hz")).when().get(intake() + "/api/v1/grievances?size=100")
                .then().statusCode(200).extract().asString();

        given().contentType("application/json").body(grievance())
                .when().post(intake() + "/api/v1/grievances")
                .then().statusCode(401);
        given().auth().oauth2(token("staff-hz-jrb")).contentType("application/json").body(grievance())
                .when().post(intake() + "/api/v1/grievances")
                .then().statusCode(403).contentType("application/problem+json");
        Map<String, Object> malformed = grievance();
        malformed.put("regionCode", "99");
        given().auth().oauth2(token("ent-hz")).contentType("application/json").body(malformed)
                .when().post(intake() + "/api/v1/grievances")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("regionCode"));
        given().auth().oauth2("not-a-token").contentType("application/json").body(grievance())
                .when().post(intake() + "/api/v1/grievances")
                .then().statusCode(401);

        given().auth().oauth2(token("ent-hz")).when().get(intake() + "/api/v1/grievances?size=100")
                .then().statusCode(200).body(equalTo(before));
    }

    @Test
    void theLeadDepartmentSignsAndReplies_withItsOwnToken_andTheEnterpriseSeesTheReply() {
        String enterprise = token("ent-hz");
        String id = given().auth().oauth2(enterprise).contentType("application/json").body(grievance())
                .when().post(intake() + "/api/v1/grievances")
                .then().statusCode(201).extract().path("id");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().auth().oauth2(enterprise).when().get(intake() + "/api/v1/grievances/" + id)
                        .then().statusCode(200).body("status", equalTo("DISPATCHED")));

        String routing = platform.settings().serviceUrl("routing");
        String staff = token("staff-hz-jrb");
        // another department's staff cannot even see it
        given().auth().oauth2(token("staff-xh-scjg")).when().post(routing + "/api/v1/routing/assignments/" + id + "/sign")
                .then().statusCode(404);
        given().auth().oauth2(staff).when().post(routing + "/api/v1/routing/assignments/" + id + "/sign")
                .then().statusCode(200).body("status", equalTo("IN_PROGRESS"));
        given().auth().oauth2(staff).contentType("application/json")
                .body(Map.of("text", "经协调，贴息资金已于本周拨付到账。", "attachments", java.util.List.of()))
                .when().post(routing + "/api/v1/routing/assignments/" + id + "/reply")
                .then().statusCode(200);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                given().auth().oauth2(enterprise).when().get(intake() + "/api/v1/grievances/" + id)
                        .then().statusCode(200).body("status", equalTo("REPLIED")));
    }

    @Test
    void aTipOffsReporterContact_reachesNotificationsServiceAccountOnly() {
        Map<String, Object> tipOff = grievance();
        tipOff.put("category", "TIP_OFF");
        tipOff.put("subjectArea", "FEES_AND_CHARGES");
        tipOff.put("respondentDepartment", "XH-SCJG");
        tipOff.put("contactPhone", "13900571111");
        String enterprise = token("ent-hz");
        String id = given().auth().oauth2(enterprise).contentType("application/json").body(tipOff)
                .when().post(intake() + "/api/v1/grievances")
                .then().statusCode(201).body("uscc", org.hamcrest.Matchers.nullValue()).extract().path("id");

        String notification = KeycloakServer.clientCredentialsGrant(realm, "qinqing-notification",
                RealmDefinition.DEMO_NOTIFICATION_SECRET);
        given().auth().oauth2(notification).queryParam("purpose", "RECEIPT")
                .when().get(intake() + "/internal/v1/grievances/" + id + "/reporter-contact")
                .then().statusCode(200).body("phone", equalTo("13900571111"));
        given().auth().oauth2(enterprise).queryParam("purpose", "RECEIPT")
                .when().get(intake() + "/internal/v1/grievances/" + id + "/reporter-contact")
                .then().statusCode(403);
    }
}
