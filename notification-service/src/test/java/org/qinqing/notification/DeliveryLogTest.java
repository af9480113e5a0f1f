package org.qinqing.notification;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.qinqing.notification.delivery.Delivery;
import org.qinqing.notification.testing.LocalServers;
import org.qinqing.notification.testing.Samples;
import org.qinqing.platform.testing.RealInfrastructure;

/** The delivery log of a case (PLATFORM.md §2): who may read it, with phone numbers and e-mails masked. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(LocalServers.class)
class DeliveryLogTest {

    static final String PHONE = "13812345678";
    static final String EMAIL = "zhang.wei@qingyuan.example.cn";
    private static UUID enterpriseCase;
    private static UUID tipOff;

    /** Accepted in Xihu district (330106), dispatched to a Hangzhou city department with a co-handler. */
    static synchronized UUID enterpriseCase() {
        if (enterpriseCase == null) {
            UUID id = UUID.randomUUID();
            Samples.publish("intake", "accepted", id, 2, Samples.accepted(Samples.USCC, "QQ20261124000808", PHONE, EMAIL));
            Samples.publish("routing", "dispatched", id, 1, Samples.dispatched(1, "HZ-JRB", "杭州市地方金融管理局", "330100",
                    List.of(Samples.department("HZ-SWJ", "杭州市商务局", "330100"))));
            await().atMost(Duration.ofSeconds(30)).until(() -> Samples.deliveries(id).stream()
                    .filter(d -> d.status == Delivery.Status.SENT).count() == 5);
            enterpriseCase = id;
        }
        return enterpriseCase;
    }

    static synchronized UUID tipOff() {
        if (tipOff == null) {
            UUID id = UUID.randomUUID();
            Samples.publish("intake", "accepted", id, 2, Samples.acceptedTipOff(id, "QQ20261124000909"));
            await().atMost(Duration.ofSeconds(30)).until(() -> !Samples.deliveries(id).isEmpty());
            Samples.publish("routing", "dispatched", id, 1, Samples.dispatched(1, "XH-JW", "西湖区纪委监委", "330106", List.of()));
            await().atMost(Duration.ofSeconds(30)).until(() -> Samples.deliveries(id).stream().anyMatch(d -> d.kind.equals("assignment")));
            tipOff = id;
        }
        return tipOff;
    }

    static void readable(UUID id) {
        given().when().get("/api/v1/grievances/" + id + "/deliveries").then().statusCode(200)
                .body("channel", hasItem("SMS")).body("channel", hasItem("EMAIL"))
                .body("address", hasItem("138****5678")).body("address", hasItem("z***@qingyuan.example.cn"))
                .body("recipient", hasItem("enterprise:9133**********3D4W"))
                .body("toString()", not(containsString(PHONE))).body("toString()", not(containsString("zhang.wei@")));
    }

    static void notFound(UUID id) {
        given().when().get("/api/v1/grievances/" + id + "/deliveries").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "op-xh", roles = "operator")
    @OidcSecurity(claims = @Claim(key = "region", value = "330106"))
    void operatorsReadTheirRegionsCases_butNoTipOffs() {
        readable(enterpriseCase());
        notFound(tipOff());
    }

    @Test
    @TestSecurity(user = "op-nb", roles = "operator")
    @OidcSecurity(claims = @Claim(key = "region", value = "330200"))
    void anotherRegionsOperatorGets404() {
        notFound(enterpriseCase());
        notFound(UUID.randomUUID());
    }

    @Test
    @TestSecurity(user = "staff-swj", roles = "dept-staff")
    @OidcSecurity(claims = @Claim(key = "department", value = "HZ-SWJ"))
    void aCoHandlingDepartmentReadsItsCase() {
        readable(enterpriseCase());
    }

    @Test
    @TestSecurity(user = "staff-other", roles = "dept-staff")
    @OidcSecurity(claims = @Claim(key = "department", value = "HZ-ZJJ"))
    void anotherDepartmentGets404() {
        notFound(enterpriseCase());
    }

    @Test
    @TestSecurity(user = "sup-zj", roles = "supervisor")
    @OidcSecurity(claims = { @Claim(key = "region", value = "330000"), @Claim(key = "department", value = "ZJ-YSB") })
    void theProvincesSupervisorsReadIt() {
        readable(enterpriseCase());
    }

    @Test
    @TestSecurity(user = "jw-xh", roles = "oversight")
    @OidcSecurity(claims = { @Claim(key = "region", value = "330106"), @Claim(key = "department", value = "XH-JW") })
    void theOversightBodyReadsItsOwnTipOffs_whereTheReporterIsMasked() {
        given().when().get("/api/v1/grievances/" + tipOff() + "/deliveries").then().statusCode(200)
                .body("recipient", hasItem("reporter:***")).body("address", everyItem(org.hamcrest.Matchers.nullValue()));
        notFound(enterpriseCase());
    }

    @Test
    @TestSecurity(user = "admin-1", roles = "admin")
    void adminsReadAll() {
        readable(enterpriseCase());
        given().when().get("/api/v1/grievances/" + tipOff() + "/deliveries").then().statusCode(200);
    }

    @Test
    @TestSecurity(user = "ent", roles = "enterprise")
    @OidcSecurity(claims = @Claim(key = "uscc", value = Samples.USCC))
    void enterprisesHaveNoDeliveryLog() {
        given().when().get("/api/v1/grievances/" + enterpriseCase() + "/deliveries").then().statusCode(403);
    }
}
