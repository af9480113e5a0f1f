package org.qinqing.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.qinqing.platform.KeycloakServer;
import org.qinqing.platform.LocalPlatform;
import org.qinqing.platform.RealmDefinition;
import org.qinqing.platform.testing.TopicProbe;

/**
 * Faults in the middle of a stream of submissions (issue 9): the Kafka broker stopped and started again, and each
 * of the four services killed ({@code kill -9}) and started again. Afterwards every acknowledged grievance is
 * dispatched exactly once, has one sign-for and one reply clock, and the enterprise gets exactly one in-app
 * dispatch notice. Each scenario prints submitted / acknowledged / dispatched / duplicates / lost.
 *
 * <p>A PostgreSQL restart is not among them: the tests share the machine's one PostgreSQL cluster with every other
 * build and test on it, and restarting it would break them.
 *
 * <p>Minutes long, so it runs only when asked: {@code ./mvnw -B verify -pl e2e-tests -Dit.test=FaultsIT -Dfaults}.
 */
@EnabledIfSystemProperty(named = "faults", matches = ".*")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();

    static LocalPlatform platform;

    @BeforeAll
    static void startPlatform() {
        platform = new LocalPlatform(LocalPlatform.Settings.throwAway(Path.of("target", "e2e-faults").toAbsolutePath())).start();
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Order(1)
    void brokerStoppedAndStartedMidStream_nothingLostNothingTwice() throws Exception {
        scenario("kafka broker stopped 15 s", () -> {
            platform.kafka().stop();
            Thread.sleep(15_000);
            platform.kafka().start();
        });
    }

    @Test
    @Order(2)
    void intakeKilledMidStream_nothingLostNothingTwice() throws Exception {
        killed("intake");
    }

    @Test
    @Order(3)
    void routingKilledMidStream_nothingLostNothingTwice() throws Exception {
        killed("routing");
    }

    @Test
    @Order(4)
    void deadlineKilledMidStream_nothingLostNothingTwice() throws Exception {
        killed("deadline");
    }

    @Test
    @Order(5)
    void notificationKilledMidStream_nothingLostNothingTwice() throws Exception {
        killed("notification");
    }

    private void killed(String service) throws Exception {
        scenario(service + "-service killed (kill -9) and started again", () -> {
            platform.service(service).kill();
            Thread.sleep(3_000);
            platform.startService(service);
            platform.awaitService(service);
        });
    }

    interface Fault {
        void inject() throws Exception;
    }

    /** Submissions every 100 ms from 5 s before the fault until 5 s after it is over; then the checks. */
    private void scenario(String name, Fault fault) throws Exception {
        String token = KeycloakServer.passwordGrant(platform.keycloak().realmUrl(RealmDefinition.REALM), "qinqing-portal",
                "ent-hz", RealmDefinition.DEMO_PASSWORD);
        List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger submitted = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicBoolean faultOver = new AtomicBoolean();
        // how submissions were answered before and after the fault was over: a reader sees how they failed
        Map<String, Integer> answers = Collections.synchronizedMap(new TreeMap<>());
        Thread stream = Thread.ofVirtual().start(() -> {
            while (running.get()) {
                int n = submitted.incrementAndGet();
                boolean after = faultOver.get();
                Submission answer = submit(token, name, n);
                if (answer.id() != null) {
                    acknowledged.add(answer.id());
                    answers.merge(after ? "after: acknowledged" : "before or during: acknowledged", 1, Integer::sum);
                } else {
                    answers.merge((after ? "after: " : "before or during: ") + answer.refusal(), 1, Integer::sum);
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        Thread.sleep(5_000);
        fault.inject();
        faultOver.set(true);
        Thread.sleep(5_000);
        running.set(false);
        stream.join();
        System.out.printf("FAULT %s: answers %s%n", name, answers);

        Set<String> ours = new HashSet<>(acknowledged);
        assertEquals(acknowledged.size(), ours.size(), "each acknowledged submission is its own grievance");
        try (TopicProbe probe = new TopicProbe(platform.kafka().bootstrapServers())) {
            Map<String, Set<String>> dispatched = group(probe.read("qinqing.routing.events", Duration.ofMinutes(3),
                    read -> group(read, ours, e -> e.type().equals("cn.qinqing.routing.dispatched.v1") ? e.key() : null)
                            .keySet().containsAll(ours)),
                    ours, e -> e.type().equals("cn.qinqing.routing.dispatched.v1") ? e.key() : null);
            Map<String, Set<String>> clocks = group(probe.read("qinqing.deadline.events", Duration.ofMinutes(2),
                    read -> group(read, ours, FaultsIT::clockStarted).size() >= 2 * ours.size()), ours, FaultsIT::clockStarted);
            probe.read("qinqing.notification.events", Duration.ofMinutes(2),
                    read -> group(read, ours, FaultsIT::dispatchNotice).keySet().containsAll(ours));
            // read the whole topic again for a quiet while, so a late second delivery would be seen
            Map<String, Set<String>> notices = group(probe.read("qinqing.notification.events", Duration.ofSeconds(10),
                    read -> false), ours, FaultsIT::dispatchNotice);

            long duplicates = dispatched.values().stream().filter(ids -> ids.size() > 1).count()
                    + clocks.values().stream().filter(ids -> ids.size() > 1).count()
                    + notices.values().stream().filter(ids -> ids.size() > 1).count();
            Set<String> lost = new HashSet<>(ours);
            lost.removeIf(id -> dispatched.containsKey(id) && clocks.containsKey(id + "/SIGN_FOR")
                    && clocks.containsKey(id + "/REPLY") && notices.containsKey(id));
            System.out.printf("FAULT %s: submitted %d / acknowledged %d / dispatched %d (with both clocks %d, enterprise "
                    + "notified %d) / duplicates %d / lost %d%n", name, submitted.get(), ours.size(), dispatched.size(),
                    ours.stream().filter(id -> clocks.containsKey(id + "/SIGN_FOR") && clocks.containsKey(id + "/REPLY")).count(),
                    notices.size(), duplicates, lost.size());
            assertEquals(0, duplicates, "nothing happened twice");
            assertEquals(Set.of(), lost, "every acknowledged grievance dispatched, with its clocks and one notice");
        }
    }

    /** Intake's answer to one submission: the grievance's id when it answered 201, else how it refused. */
    record Submission(String id, String refusal) {
    }

    /** One submission; refused, not lost, when the service is down. */
    private static Submission submit(String token, String scenario, int n) {
        Map<String, Object> body = WalkingSkeletonIT.grievance();
        body.put("title", "融资贷款审批迟迟没有结果 " + scenario.hashCode() + "#" + n);
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(
                    platform.settings().serviceUrl("intake") + "/api/v1/grievances")).timeout(Duration.ofSeconds(20))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                return new Submission(null, "HTTP " + response.statusCode());
            }
            JsonNode answer = JSON.readTree(response.body());
            return new Submission(answer.path("id").asText(), null);
        } catch (IOException e) {
            return new Submission(null, e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Submission(null, "interrupted");
        }
    }

    private static String clockStarted(TopicProbe.Event e) {
        return e.type().equals("cn.qinqing.deadline.deadline-set.v1") && "STARTED".equals(e.data().path("reason").asText())
                && e.data().path("round").asInt() == 1 ? e.key() + "/" + e.data().path("clock").asText() : null;
    }

    private static String dispatchNotice(TopicProbe.Event e) {
        return e.type().equals("cn.qinqing.notification.delivered.v1") && "dispatched".equals(e.data().path("kind").asText())
                && "IN_APP".equals(e.data().path("channel").asText())
                && e.data().path("recipient").asText().startsWith("enterprise") ? e.key() : null;
    }

    /** Distinct CloudEvent ids per key, for the events of our grievances that {@code keyOf} names. */
    private static Map<String, Set<String>> group(List<TopicProbe.Event> events, Set<String> ours,
            Function<TopicProbe.Event, String> keyOf) {
        Map<String, Set<String>> grouped = new TreeMap<>();
        for (TopicProbe.Event event : events) {
            if (event.key() == null || !ours.contains(event.key()) || event.type() == null || event.data() == null) {
                continue;
            }
            String key = keyOf.apply(event);
            if (key != null) {
                grouped.computeIfAbsent(key, k -> new HashSet<>()).add(event.id());
            }
        }
        return grouped;
    }
}
