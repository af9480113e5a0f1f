package org.qinqing.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import org.qinqing.platform.KeycloakServer;
import org.qinqing.platform.LocalPlatform;
import org.qinqing.platform.RealmDefinition;
import org.qinqing.platform.testing.TopicProbe;

/**
 * One fault in the middle of a stream of submissions (issue 9), and the checks afterwards: every acknowledged
 * grievance is dispatched exactly once, has one sign-for and one reply clock, and the enterprise gets exactly one
 * in-app dispatch notice. Prints how each submission was answered and submitted / acknowledged / dispatched /
 * duplicates / lost. {@link FaultsIT} and {@link PostgresRestartIT} run it.
 */
final class FaultScenario {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();

    interface Fault {
        void inject() throws Exception;
    }

    /**
     * Intake's answer to one submission: the grievance's id when it answered 201, else how it refused
     * ({@code HTTP 503 problem} for a problem response, {@code HTTP 500 not a problem} for any other body, or the
     * client's exception when no answer came).
     */
    record Submission(String title, boolean afterFault, String id, String refusal) {

        boolean acknowledged() {
            return id != null;
        }
    }

    private FaultScenario() {
    }

    /** Submissions every 100 ms from 5 s before the fault until 5 s after it is over; then the checks. */
    static List<Submission> run(LocalPlatform platform, String name, Fault fault) throws Exception {
        List<Submission> submissions = stream(platform, name, fault);
        check(platform, name, submissions);
        return submissions;
    }

    /** Submissions every 100 ms from 5 s before the fault until 5 s after it is over; prints how each was answered. */
    static List<Submission> stream(LocalPlatform platform, String name, Fault fault) throws Exception {
        String token = KeycloakServer.passwordGrant(platform.keycloak().realmUrl(RealmDefinition.REALM), "qinqing-portal",
                "ent-hz", RealmDefinition.DEMO_PASSWORD);
        List<Submission> submissions = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger submitted = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicBoolean faultOver = new AtomicBoolean();
        Thread stream = Thread.ofVirtual().start(() -> {
            while (running.get()) {
                int n = submitted.incrementAndGet();
                submissions.add(submit(platform, token, name, n, faultOver.get()));
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
        // how submissions were answered before and after the fault was over: a reader sees how they failed
        Map<String, Integer> answers = new TreeMap<>();
        for (Submission submission : submissions) {
            answers.merge((submission.afterFault() ? "after: " : "before or during: ")
                    + (submission.acknowledged() ? "acknowledged" : submission.refusal()), 1, Integer::sum);
        }
        System.out.printf("FAULT %s: answers %s%n", name, answers);
        return List.copyOf(submissions);
    }

    /**
     * Every acknowledged grievance dispatched once, with one sign-for and one reply clock, and one in-app dispatch
     * notice to the enterprise; prints submitted / acknowledged / dispatched / duplicates / lost.
     */
    static void check(LocalPlatform platform, String name, List<Submission> submissions) {

        List<String> acknowledged = submissions.stream().filter(Submission::acknowledged).map(Submission::id).toList();
        Set<String> ours = new HashSet<>(acknowledged);
        assertEquals(acknowledged.size(), ours.size(), "each acknowledged submission is its own grievance");
        try (TopicProbe probe = new TopicProbe(platform.kafka().bootstrapServers())) {
            Map<String, Set<String>> dispatched = group(probe.read("qinqing.routing.events", Duration.ofMinutes(3),
                    read -> group(read, ours, e -> e.type().equals("cn.qinqing.routing.dispatched.v1") ? e.key() : null)
                            .keySet().containsAll(ours)),
                    ours, e -> e.type().equals("cn.qinqing.routing.dispatched.v1") ? e.key() : null);
            Map<String, Set<String>> clocks = group(probe.read("qinqing.deadline.events", Duration.ofMinutes(2),
                    read -> group(read, ours, FaultScenario::clockStarted).size() >= 2 * ours.size()), ours,
                    FaultScenario::clockStarted);
            probe.read("qinqing.notification.events", Duration.ofMinutes(2),
                    read -> group(read, ours, FaultScenario::dispatchNotice).keySet().containsAll(ours));
            // read the whole topic again for a quiet while, so a late second delivery would be seen
            Map<String, Set<String>> notices = group(probe.read("qinqing.notification.events", Duration.ofSeconds(10),
                    read -> false), ours, FaultScenario::dispatchNotice);

            long duplicates = dispatched.values().stream().filter(ids -> ids.size() > 1).count()
                    + clocks.values().stream().filter(ids -> ids.size() > 1).count()
                    + notices.values().stream().filter(ids -> ids.size() > 1).count();
            Set<String> lost = new HashSet<>(ours);
            lost.removeIf(id -> dispatched.containsKey(id) && clocks.containsKey(id + "/SIGN_FOR")
                    && clocks.containsKey(id + "/REPLY") && notices.containsKey(id));
            System.out.printf("FAULT %s: submitted %d / acknowledged %d / dispatched %d (with both clocks %d, enterprise "
                    + "notified %d) / duplicates %d / lost %d%n", name, submissions.size(), ours.size(), dispatched.size(),
                    ours.stream().filter(id -> clocks.containsKey(id + "/SIGN_FOR") && clocks.containsKey(id + "/REPLY")).count(),
                    notices.size(), duplicates, lost.size());
            assertEquals(0, duplicates, "nothing happened twice");
            assertEquals(Set.of(), lost, "every acknowledged grievance dispatched, with its clocks and one notice");
        }
    }

    /** One submission; refused, not lost, when the service is down. */
    private static Submission submit(LocalPlatform platform, String token, String scenario, int n, boolean afterFault) {
        Map<String, Object> body = WalkingSkeletonIT.grievance();
        String title = "融资贷款审批迟迟没有结果 " + scenario.hashCode() + "#" + n;
        body.put("title", title);
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(
                    platform.settings().serviceUrl("intake") + "/api/v1/grievances")).timeout(Duration.ofSeconds(20))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                return new Submission(title, afterFault, null, "HTTP " + response.statusCode()
                        + (isProblem(response) ? " problem" : " not a problem"));
            }
            JsonNode answer = JSON.readTree(response.body());
            return new Submission(title, afterFault, answer.path("id").asText(), null);
        } catch (IOException e) {
            return new Submission(title, afterFault, null, e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Submission(title, afterFault, null, "interrupted");
        }
    }

    /** An RFC 9457 answer: its media type, and a body that is a JSON object with the answer's status. */
    private static boolean isProblem(HttpResponse<String> response) {
        if (!response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
            return false;
        }
        try {
            return JSON.readTree(response.body()).path("status").asInt() == response.statusCode();
        } catch (IOException e) {
            return false;
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
