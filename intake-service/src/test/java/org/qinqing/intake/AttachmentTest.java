package org.qinqing.intake;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.qinqing.intake.attachment.Attachment;
import org.qinqing.intake.grievance.GrievanceStatus;
import org.qinqing.platform.testing.RealInfrastructure;

/** Attachments: bytes in the file store, name, type, size and SHA-256 in the record; limits refuse and store nothing. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class AttachmentTest {

    static final String USCC = SubmittingGrievanceTest.USCC;
    static final byte[] CONTRACT = "%PDF-1.4 贷款合同 HT-2026-001 第一页".getBytes(StandardCharsets.UTF_8);

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    static long attachments(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> Attachment.count("grievanceId", id));
    }

    static long filesInStore() throws Exception {
        Path root = Path.of(ConfigProvider.getConfig().getValue("intake.attachments.dir", String.class));
        if (!Files.exists(root)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    @Test
    @TestSecurity(user = "ent-hz", roles = "enterprise")
    @OidcSecurity(claims = @Claim(key = "uscc", value = USCC))
    void anAttachment_isStoredWithItsChecksum_andComesBackByteForByte() throws Exception {
        UUID id = StoredGrievances.accepted(USCC);
        String attachmentId = given().contentType("application/pdf").header("X-Checksum-SHA256", sha256(CONTRACT))
                .queryParam("name", "贷款合同.pdf").body(CONTRACT)
                .when().post("/api/v1/grievances/" + id + "/attachments")
                .then().statusCode(201).body("size", equalTo(CONTRACT.length)).body("sha256", equalTo(sha256(CONTRACT)))
                .body("contentType", equalTo("application/pdf")).extract().path("id");
        given().when().get("/api/v1/grievances/" + id + "/attachments").then().statusCode(200).body("name", hasItem("贷款合同.pdf"));
        byte[] back = given().when().get("/api/v1/grievances/" + id + "/attachments/" + attachmentId)
                .then().statusCode(200).contentType("application/pdf")
                .header("Content-Disposition", containsString("filename*=UTF-8''"))
                .extract().asByteArray();
        assertArrayEquals(CONTRACT, back);
        given().when().get("/api/v1/grievances/" + id + "/timeline").then().body("step", hasItem("attachment-added"));
    }

    @Test
    @TestSecurity(user = "ent-hz", roles = "enterprise")
    @OidcSecurity(claims = @Claim(key = "uscc", value = USCC))
    void aWrongChecksum_aWrongType_anOversizeFile_orAClosedCase_storeNothing() throws Exception {
        UUID id = StoredGrievances.accepted(USCC);
        long files = filesInStore();
        given().contentType("application/pdf").header("X-Checksum-SHA256", sha256("other".getBytes()))
                .queryParam("name", "a.pdf").body(CONTRACT).when().post("/api/v1/grievances/" + id + "/attachments")
                .then().statusCode(422).body("type", containsString("checksum-mismatch"));
        given().contentType("application/x-msdownload").queryParam("name", "setup.exe").body(CONTRACT)
                .when().post("/api/v1/grievances/" + id + "/attachments").then().statusCode(415)
                .contentType("application/problem+json");
        long limit = ConfigProvider.getConfig().getValue("intake.attachments.max-bytes", Long.class);
        given().contentType("image/png").queryParam("name", "big.png").body(new byte[(int) limit + 1])
                .when().post("/api/v1/grievances/" + id + "/attachments").then().statusCode(413)
                .contentType("application/problem+json");
        given().contentType("application/pdf").queryParam("name", "../../etc/passwd").body(CONTRACT)
                .when().post("/api/v1/grievances/" + id + "/attachments").then().statusCode(400);
        UUID closed = StoredGrievances.stored(USCC, g -> g.status = GrievanceStatus.CLOSED);
        given().contentType("application/pdf").queryParam("name", "late.pdf").body(CONTRACT)
                .when().post("/api/v1/grievances/" + closed + "/attachments").then().statusCode(409)
                .body("currentStatus", equalTo("CLOSED"));
        assertEquals(0, attachments(id));
        assertEquals(files, filesInStore());
    }

    @Test
    @TestSecurity(user = "ent-nb", roles = "enterprise")
    @OidcSecurity(claims = @Claim(key = "uscc", value = SubmittingGrievanceTest.OTHER_USCC))
    void anotherEnterprise_neitherAddsNorReads() {
        UUID id = StoredGrievances.accepted(USCC);
        given().contentType("application/pdf").queryParam("name", "x.pdf").body(CONTRACT)
                .when().post("/api/v1/grievances/" + id + "/attachments").then().statusCode(404);
        given().when().get("/api/v1/grievances/" + id + "/attachments").then().statusCode(404);
        given().when().get("/api/v1/grievances/" + id + "/attachments/" + UUID.randomUUID()).then().statusCode(404);
        assertEquals(0, attachments(id));
    }
}
