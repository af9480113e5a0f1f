package org.qinqing.intake;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.qinqing.intake.grievance.Category;
import org.qinqing.intake.grievance.Channel;
import org.qinqing.intake.grievance.Grievance;
import org.qinqing.intake.grievance.GrievanceStatus;
import org.qinqing.intake.open311.Open311Clients;
import org.qinqing.platform.testing.RealInfrastructure;

/** Open311 GeoReport v2 (JSON), field by field against the spec; anonymous by design, POST with an api_key. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class Open311Test {

    @Inject
    Open311Clients clients;

    String apiKey() {
        return clients.issue("杭州市民卡数据平台", "admin-zj").apiKey();
    }

    /** A complete request; {@code changes} (name, value, …) replace fields. */
    static RequestSpecification form(String apiKey, String... changes) {
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put("service_code", "help-request");
        fields.put("attribute[uscc]", SubmittingGrievanceTest.USCC);
        fields.put("attribute[enterprise_name]", "杭州青禾科技有限公司");
        fields.put("attribute[region]", "330106");
        fields.put("attribute[subject_area]", "UTILITIES");
        fields.put("attribute[title]", "新厂房用水报装三个月未接通");
        fields.put("description", "新厂房用水报装申请三个月仍未接通，影响投产。单号 " + UUID.randomUUID());
        fields.put("address_string", "杭州市西湖区三墩镇振华路 200 号");
        fields.put("lat", "30.3252");
        fields.put("long", "120.0921");
        fields.put("first_name", "经理");
        fields.put("last_name", "王");
        fields.put("phone", "13800571234");
        if (apiKey != null) {
            fields.put("api_key", apiKey);
        }
        for (int i = 0; i < changes.length; i += 2) {
            fields.put(changes[i], changes[i + 1]);
        }
        return given().contentType("application/x-www-form-urlencoded; charset=UTF-8").formParams(fields);
    }

    static long grievances() {
        return QuarkusTransaction.requiringNew().call(() -> Grievance.count());
    }

    @Test
    void theServiceList_offersOurCategoriesButNotTipOffs() {
        given().when().get("/open311/v2/services.json").then().statusCode(200).contentType("application/json")
                .body("service_code", equalTo(List.of("consultation", "help-request", "complaint", "suggestion")))
                .body("service_name", hasItem("投诉"))
                .body("metadata", everyItem(equalTo(true))).body("type", everyItem(equalTo("realtime")))
                .body("[0]", allOf(hasKey("description"), hasKey("keywords"), hasKey("group")));
    }

    @Test
    void aServiceDefinition_declaresOurRequiredFieldsAsAttributes() {
        given().when().get("/open311/v2/services/complaint.json").then().statusCode(200)
                .body("service_code", equalTo("complaint"))
                .body("attributes.code", hasItem("respondent_department"))
                .body("attributes.find { it.code == 'uscc' }.datatype", equalTo("string"))
                .body("attributes.find { it.code == 'uscc' }.required", equalTo(true))
                .body("attributes.find { it.code == 'uscc' }.variable", equalTo(true))
                .body("attributes.find { it.code == 'subject_area' }.datatype", equalTo("singlevaluelist"))
                .body("attributes.find { it.code == 'subject_area' }.values.key", hasItem("FINANCING"))
                .body("attributes.find { it.code == 'subject_area' }.values.name", hasItem("融资"))
                .body("attributes.order", equalTo(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9)));
        given().when().get("/open311/v2/services/help-request.json").then().statusCode(200)
                .body("attributes.code", not(hasItem("respondent_department")));
        given().when().get("/open311/v2/services/tip-off.json").then().statusCode(404)
                .body("[0].code", equalTo(404)).body("[0].description", containsString("tip-off"));
    }

    @Test
    void posting_needsAValidApiKey_andValidAttributes_andStoresNothingOtherwise() {
        long before = grievances();
        form(null).when().post("/open311/v2/requests.json").then().statusCode(403).body("[0].code", equalTo(403));
        form("o311_guessed").when().post("/open311/v2/requests.json").then().statusCode(403);
        String key = apiKey();
        form(key, "attribute[uscc]", "91330106MA2B2C3D4X", "attribute[subject_area]", "WEATHER").when().post("/open311/v2/requests.json").then().statusCode(400)
                .body("code", everyItem(equalTo(400))).body("description", hasItem(containsString("attribute[uscc]")))
                .body("description", hasItem(containsString("attribute[subject_area]")));
        given().contentType("application/x-www-form-urlencoded").formParam("api_key", key).formParam("service_code", "tip-off")
                .when().post("/open311/v2/requests.json").then().statusCode(400).body("[0].description", containsString("service_code"));
        form(key, "lat", "north").when().post("/open311/v2/requests.json").then().statusCode(400)
                .body("[0].description", containsString("lat"));
        assertEquals(before, grievances());
    }

    @Test
    void aPostedRequest_isAcceptedWithTheOrganisationAsChannel_andReadBackWithPublicFieldsOnly() {
        String id = form(apiKey()).when().post("/open311/v2/requests.json").then().statusCode(200)
                .body("[0].service_request_id", matchesPattern("QQ\\d{14}"))
                .body("[0].service_notice", containsString("已受理")).extract().path("[0].service_request_id");
        Grievance stored = QuarkusTransaction.requiringNew().call(() -> Grievance.<Grievance>find("trackingNumber", id).firstResult());
        assertEquals(Channel.OPEN311, stored.channel);
        assertEquals("杭州市民卡数据平台", stored.open311Client);
        assertEquals(GrievanceStatus.ACCEPTED, stored.status);
        assertEquals("王经理", stored.contactName);
        assertEquals("open311-client", IntakeTopic.published(stored.id, "submitted").data().get("actor").get("role").asText());

        IntakeTopic.publish("routing", stored.id, "dispatched", 1, Map.of("round", 1, "lead",
                Map.of("code", "HZ-YSB", "name", "杭州市营商环境建设办公室", "region", "330100")));
        IntakeTopic.publish("deadline", stored.id, "deadline-set", 1, Map.of("clock", "REPLY", "round", 1,
                "dueAt", "2026-12-08T09:30:00Z", "provisional", false));
        // two topics, two consumers: wait for both facts, in whichever order they were applied
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().when().get("/open311/v2/requests/" + id + ".json")
                .then().statusCode(200).body("[0].expected_datetime", equalTo("2026-12-08T17:30:00+08:00"))
                .body("[0].agency_responsible", equalTo("杭州市营商环境建设办公室")));

        given().when().get("/open311/v2/requests/" + id + ".json").then().statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].service_request_id", equalTo(id))
                .body("[0].status", equalTo("open"))
                .body("[0].service_code", equalTo("help-request"))
                .body("[0].service_name", equalTo("求助"))
                .body("[0].description", equalTo("新厂房用水报装三个月未接通"))
                .body("[0].agency_responsible", equalTo("杭州市营商环境建设办公室"))
                .body("[0].requested_datetime", endsWith("+08:00"))
                .body("[0].updated_datetime", endsWith("+08:00"))
                .body("[0].address", equalTo("杭州市西湖区三墩镇振华路 200 号"))
                .body("[0].lat", equalTo(30.3252f)).body("[0].long", equalTo(120.0921f))
                .body("[0]", allOf(hasKey("status_notes"), hasKey("service_notice"), hasKey("address_id"), hasKey("zipcode"),
                        hasKey("media_url")))
                .body("[0]", allOf(not(hasKey("uscc")), not(hasKey("enterprise_name")), not(hasKey("phone"))))
                .body(not(containsString("王经理"))).body(not(containsString("13800571234")))
                .body(not(containsString(SubmittingGrievanceTest.USCC)));
        given().when().get("/open311/v2/requests/QQ00000000000000.json").then().statusCode(404).body("[0].code", equalTo(404));
    }

    @Test
    void theRequestList_filtersByIdsCodeDatesAndStatus_withinNinetyDays_andNeverShowsATipOff() {
        UUID open = StoredGrievances.stored(SubmittingGrievanceTest.USCC, g -> g.category = Category.SUGGESTION);
        UUID closed = StoredGrievances.stored(SubmittingGrievanceTest.USCC, g -> {
            g.category = Category.SUGGESTION;
            g.status = GrievanceStatus.CLOSED;
            g.closedReason = "RATED_SATISFIED";
        });
        UUID tipOff = StoredGrievances.stored(SubmittingGrievanceTest.USCC, g -> g.category = Category.TIP_OFF);
        String openId = number(open);
        String closedId = number(closed);
        String tipOffId = number(tipOff);

        given().queryParam("service_code", "suggestion").queryParam("status", "closed").when().get("/open311/v2/requests.json")
                .then().statusCode(200).body("service_request_id", hasItem(closedId))
                .body("service_request_id", not(hasItem(openId))).body("status", everyItem(equalTo("closed")))
                .body("find { it.service_request_id == '" + closedId + "' }.status_notes", containsString("满意"))
                .body("find { it.service_request_id == '" + closedId + "' }.expected_datetime", nullValue());
        given().queryParam("service_request_id", openId + "," + tipOffId).when().get("/open311/v2/requests.json")
                .then().statusCode(200).body("service_request_id", equalTo(List.of(openId)));
        given().when().get("/open311/v2/requests.json").then().statusCode(200)
                .body("service_request_id", hasItem(openId)).body("service_request_id", not(hasItem(tipOffId)));
        given().when().get("/open311/v2/requests/" + tipOffId + ".json").then().statusCode(404);

        Instant now = Instant.now();
        given().queryParam("start_date", now.minus(100, ChronoUnit.DAYS).toString()).queryParam("end_date", now.toString())
                .when().get("/open311/v2/requests.json").then().statusCode(400).body("[0].description", containsString("90 days"));
        given().queryParam("start_date", now.minus(1, ChronoUnit.DAYS).toString()).queryParam("end_date", now.plusSeconds(60).toString())
                .queryParam("service_code", "suggestion").when().get("/open311/v2/requests.json")
                .then().statusCode(200).body("service_request_id", hasItem(openId));
        given().queryParam("start_date", "yesterday").when().get("/open311/v2/requests.json").then().statusCode(400);
        given().queryParam("status", "pending").when().get("/open311/v2/requests.json").then().statusCode(400);
    }

    static String number(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> Grievance.<Grievance>findById(id).trackingNumber);
    }

    @Test
    @TestSecurity(user = "admin-zj", roles = "admin")
    void anAdminIssuesAKeyShownOnce_andARevokedKeyNoLongerPosts() {
        var issued = given().contentType("application/json").body(Map.of("organisation", "浙里办数据中台"))
                .when().post("/api/v1/open311-clients").then().statusCode(201)
                .body("apiKey", matchesPattern("o311_.+")).extract();
        String key = issued.path("apiKey");
        given().when().get("/api/v1/open311-clients").then().statusCode(200)
                .body("organisation", hasItem("浙里办数据中台")).body("apiKey", everyItem(nullValue()));
        given().contentType("application/json").body(Map.of("organisation", "")).when().post("/api/v1/open311-clients")
                .then().statusCode(400);
        given().when().delete("/api/v1/open311-clients/" + issued.path("id")).then().statusCode(200);
        form(key).when().post("/open311/v2/requests.json").then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "operator-hz", roles = "operator")
    void onlyAnAdminIssuesKeys() {
        given().contentType("application/json").body(Map.of("organisation", "某机构")).when().post("/api/v1/open311-clients")
                .then().statusCode(403);
    }
}
