package org.qinqing.notification;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.qinqing.notification.testing.LocalServers;
import org.qinqing.notification.testing.RealTokens;
import org.qinqing.notification.testing.Samples;
import org.qinqing.platform.testing.RealInfrastructure;

/**
 * A supervisor's screen shows an escalation the moment it happens: the inbox's server-sent event stream,
 * authenticated with a real (signature-checked) access token passed as the access_token query parameter, as a
 * browser's EventSource must.
 */
@QuarkusTest
@TestProfile(RealTokens.class)
@WithTestResource(RealInfrastructure.class)
@WithTestResource(LocalServers.class)
class LiveStreamTest {

    @TestHTTPResource("/api/v1/inbox/stream")
    URI stream;

    final HttpClient http = HttpClient.newHttpClient();

    static String supervisor(String region) {
        return RealTokens.token("sup-" + region, List.of("supervisor"), Map.of("region", region, "department", "YSB-" + region));
    }

    static UUID escalate(String region) {
        UUID id = UUID.randomUUID();
        Samples.publish("deadline", "escalated", id, 1, Map.of("clock", "REPLY", "round", 1, "department", "HZ-JRB",
                "level", 1, "dueAt", "2026-11-24T09:30:00Z", "target", "SUPERVISORS", "targetRegion", region));
        return id;
    }

    @Test
    void theStreamRefusesCallersWithoutAValidToken() throws Exception {
        assertEquals(401, http.send(HttpRequest.newBuilder(stream).build(), HttpResponse.BodyHandlers.discarding()).statusCode());
        String forged = supervisor("330100").replaceAll("\\.[^.]+$", ".AAAA");
        assertEquals(401, http.send(HttpRequest.newBuilder(URI.create(stream + "?access_token=" + forged)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode());
    }

    @Test
    void theSameTokenWorksAsABearerHeaderOnTheRestOfTheApi() {
        given().auth().oauth2(supervisor("330100")).when().get("/api/v1/inbox/unread-count").then().statusCode(200);
        given().auth().oauth2("not-a-token").when().get("/api/v1/inbox").then().statusCode(401);
    }

    @Test
    void aSupervisorSeesAnEscalationOfItsRegionTheMomentItHappens_andNoneOfAnotherRegion() throws Exception {
        String token = supervisor("330100");
        LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        HttpRequest request = HttpRequest.newBuilder(URI.create(stream + "?access_token="
                + URLEncoder.encode(token, StandardCharsets.UTF_8))).header("Accept", "text/event-stream").build();
        CompletableFuture<HttpResponse<Stream<String>>> response = http.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        response.thenAccept(r -> r.body().forEach(lines::add));

        String other = escalate("330200").toString();
        String received = null;
        UUID mine = null;
        // the stream may still be subscribing when the first escalation happens; a live stream shows only what comes after
        for (int i = 0; i < 15 && received == null; i++) {
            mine = escalate("330100");
            long start = System.nanoTime();
            String line;
            while ((line = lines.poll(2, TimeUnit.SECONDS)) != null) {
                assertFalse(line.contains(other), "another region's escalation: " + line);
                if (line.startsWith("data:") && line.contains(mine.toString())) {
                    received = line;
                    System.out.printf("escalation on the stream %d ms after publishing%n", (System.nanoTime() - start) / 1_000_000);
                    break;
                }
            }
        }
        assertNotNull(received, "an escalation reached the stream");
        assertEquals(200, response.get(1, TimeUnit.SECONDS).statusCode());
        assertTrue(received.contains("\"principal\":\"supervisors:330100\"") && received.contains("\"kind\":\"escalated\""), received);
        response.get().body().close();
    }

    /** Proxies close connections that stay silent; an idle stream gets an SSE comment every heartbeat (300 ms in tests). */
    @Test
    void anIdleStreamReceivesHeartbeats() throws Exception {
        LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        HttpRequest request = HttpRequest.newBuilder(URI.create(stream + "?access_token="
                + URLEncoder.encode(supervisor("339900"), StandardCharsets.UTF_8))).header("Accept", "text/event-stream").build();
        CompletableFuture<HttpResponse<Stream<String>>> response = http.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        response.thenAccept(r -> r.body().forEach(lines::add));

        int heartbeats = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (heartbeats < 2 && System.nanoTime() < deadline) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line != null) {
                assertFalse(line.startsWith("data:"), "no message was addressed to this inbox: " + line);
                if (line.startsWith(":") && line.contains("heartbeat")) { // an SSE comment
                    heartbeats++;
                }
            }
        }
        assertEquals(2, heartbeats, "heartbeats on an idle stream within 10 s");
        assertEquals(200, response.get(1, TimeUnit.SECONDS).statusCode());
        assertTrue(response.get().headers().firstValue("content-type").orElse("").startsWith("text/event-stream"));
        response.get().body().close();
    }
}
