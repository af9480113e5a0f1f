package org.qinqing.routing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qinqing.audit.AuditEntry;
import org.qinqing.audit.RequestAuditLog;
import org.qinqing.platform.testing.RealInfrastructure;

/** libs/request-audit in a real service: every state-changing request leaves a row, nothing secret is in it. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class RequestAuditTest {

    @Inject
    RequestAuditLog log;

    @Inject
    AgroalDataSource dataSource;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    static Map<String, Object> simulation() {
        return Map.of("category", "HELP_REQUEST", "subjectArea", "FINANCING", "regionCode", "330106");
    }

    List<AuditEntry> rowsOf(String user) {
        return log.find(new RequestAuditLog.Query(null, null, user, null, 0, 100)).entries();
    }

    @Test
    @TestSecurity(user = "operator-audit-1", roles = "operator")
    @OidcSecurity(claims = { @Claim(key = "sub", value = "0b6f0f6e-0000-4000-8000-000000000001"),
            @Claim(key = "region", value = "330100") })
    void aPost_leavesOneRow_withUserRolesMethodPathAndStatus_andNoSecret() throws Exception {
        String secret = "eyJ-secret-" + UUID.randomUUID();
        given().header("Authorization", "Bearer " + secret).queryParam("api_key", secret)
                .contentType("application/json").body(simulation())
                .when().post("/api/v1/routing/simulate")
                .then().statusCode(200);

        List<AuditEntry> rows = rowsOf("operator-audit-1");
        assertEquals(1, rows.size());
        AuditEntry row = rows.get(0);
        assertEquals("0b6f0f6e-0000-4000-8000-000000000001", row.subject());
        assertEquals(List.of("operator"), row.roles());
        assertEquals("POST", row.method());
        assertEquals("/api/v1/routing/simulate", row.path());
        assertEquals(200, row.status());
        assertNotNull(row.at());
        assertNotNull(row.remoteAddress());
        // neither the Authorization header's value nor the query string is stored anywhere in the table
        try (Connection connection = dataSource.getConnection();
                PreparedStatement scan = connection.prepareStatement(
                        "SELECT count(*) FROM request_audit WHERE request_audit::text LIKE ? OR request_audit::text LIKE '%api_key%'")) {
            scan.setString(1, "%" + secret + "%");
            try (ResultSet result = scan.executeQuery()) {
                result.next();
                assertEquals(0, result.getLong(1));
            }
        }
    }

    @Test
    @TestSecurity(user = "operator-audit-2", roles = "operator")
    @OidcSecurity(claims = @Claim(key = "region", value = "330100"))
    void aRefusedPost_isRecordedWithItsStatus_andAGetLeavesNoRow() {
        given().contentType("application/json").body(Map.of("text", "签收"))
                .when().post("/api/v1/routing/assignments/" + UUID.randomUUID() + "/sign")
                .then().statusCode(403);
        given().contentType("application/json").body(Map.of("category", "HELP_REQUEST"))
                .when().post("/api/v1/routing/simulate")
                .then().statusCode(400);
        given().when().get("/api/v1/routing/manual-queue").then().statusCode(200);

        List<AuditEntry> rows = rowsOf("operator-audit-2");
        assertEquals(List.of(400, 403), rows.stream().map(AuditEntry::status).toList());
        assertEquals(List.of("POST", "POST"), rows.stream().map(AuditEntry::method).toList());
    }

    @Test
    @TestSecurity(user = "operator-audit-3", roles = "operator")
    @OidcSecurity(claims = @Claim(key = "region", value = "330100"))
    void aPathWithControlCharacters_isRecorded_percentEncoded() {
        given().urlEncodingEnabled(false).contentType("application/json").body(Map.of("text", "答复"))
                .when().post("/api/v1/routing/assignments/%00%0A%1F/reply")
                .then().statusCode(403);

        List<AuditEntry> rows = rowsOf("operator-audit-3");
        assertEquals(1, rows.size());
        assertEquals("/api/v1/routing/assignments/%00%0A%1F/reply", rows.get(0).path());
        assertEquals(403, rows.get(0).status());
    }

    @Test
    @TestSecurity(user = "admin-audit", roles = "admin")
    @OidcSecurity(claims = @Claim(key = "region", value = "330000"))
    void anAdmin_queriesTheLog_byUserPathAndTime_newestFirst() {
        given().contentType("application/json").body(simulation()).when().post("/api/v1/routing/simulate")
                .then().statusCode(200);
        given().when().delete("/api/v1/routing/rules/NO-SUCH-RULE").then().statusCode(404);

        given().queryParam("user", "admin-audit").when().get("/api/v1/audit-log")
                .then().statusCode(200).header("X-Total-Count", "2")
                .body("method", equalTo(List.of("DELETE", "POST")))
                .body("path[0]", equalTo("/api/v1/routing/rules/NO-SUCH-RULE"))
                .body("status", equalTo(List.of(404, 200)))
                .body("roles[0]", equalTo(List.of("admin")));
        given().queryParam("user", "admin-audit").queryParam("path", "/api/v1/routing/rules")
                .when().get("/api/v1/audit-log")
                .then().statusCode(200).header("X-Total-Count", "1").body("path", everyItem(startsWith("/api/v1/routing/rules")));
        given().queryParam("from", "2000-01-01").queryParam("to", "2000-12-31").when().get("/api/v1/audit-log")
                .then().statusCode(200).header("X-Total-Count", "0");
        given().queryParam("size", 1).queryParam("page", 0).when().get("/api/v1/audit-log")
                .then().statusCode(200).body("size()", equalTo(1));
        given().queryParam("from", "yesterday").when().get("/api/v1/audit-log")
                .then().statusCode(400).body("errors.field", hasItem("from"));
        // reading the log is not itself a state change
        given().queryParam("user", "admin-audit").when().get("/api/v1/audit-log")
                .then().header("X-Total-Count", "2");
    }

    @Test
    @TestSecurity(user = "supervisor-audit", roles = "supervisor")
    @OidcSecurity(claims = { @Claim(key = "region", value = "330000"), @Claim(key = "department", value = "ZJ-YSB") })
    void nonAdmins_mayNotReadTheLog() {
        given().when().get("/api/v1/audit-log").then().statusCode(403);
    }

    @Test
    void anonymousReaders_areUnauthorized() {
        given().when().get("/api/v1/audit-log").then().statusCode(401);
    }
}
