package org.qinqing.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.RestAssured;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.qinqing.platform.KeycloakServer;
import org.qinqing.platform.LocalPlatform;
import org.qinqing.platform.RealmDefinition;
import org.qinqing.platform.testing.TopicProbe;

/**
 * Two instances of every service against the same Kafka and PostgreSQL share the work safely (issue 10):
 * a stream of grievances, one instance of each service stopped mid-stream and started again, and then every
 * grievance dispatched exactly once, one clock per step, each notification once, and both instances of every
 * consumer did part of the work.
 *
 * <p>Eight service JVMs on two cores take a few minutes, so it runs only when asked:
 * {@code ./mvnw -B verify -pl e2e-tests -Dit.test=ReplicasShareTheWorkIT -Dreplicas}.
 */
@EnabledIfSystemProperty(named = "replicas", matches = ".*")
class ReplicasShareTheWorkIT {

    private static final int REPLICAS = 2;
    private static final int PER_PHASE = 30;
    private static final List<String> SERVICES = LocalPlatform.SERVICES;

    static LocalPlatform platform;
    static String realm;

    @BeforeAll
    static void startPlatform() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        platform = new LocalPlatform(LocalPlatform.Settings.throwAway(Path.of("target", "e2e-replicas").toAbsolutePath()))
                .replicas(REPLICAS).start();
        realm = platform.keycloak().realmUrl(RealmDefinition.REALM);
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    static String submit(int replica, String token, int n) {
        Map<String, Object> body = WalkingSkeletonIT.grievance();
        body.put("title", "融资贷款审批迟迟没有结果 #" + n);
        return given().auth().oauth2(token).contentType("application/json").body(body)
                .when().post(platform.replicaUrl("intake", replica) + "/api/v1/grievances")
                .then().statusCode(201).extract().path("id");
    }

    static String token() {
        return KeycloakServer.passwordGrant(realm, "qinqing-portal", "ent-hz", RealmDefinition.DEMO_PASSWORD);
    }

    @Test
    void twoReplicasOfEveryService_oneStoppedAndStartedMidStream_shareTheWork_andNothingHappensTwice() throws Exception {
        List<String> grievances = new ArrayList<>();
        int n = 0;
        // both intake replicas take submissions
        String token = token();
        for (int i = 0; i < PER_PHASE; i++, n++) {
            grievances.add(submit(1 + n % REPLICAS, token, n));
        }
        // replica 2 of every service stops (SIGTERM, as a rolling update or a node drain does) mid-stream
        for (String service : SERVICES) {
            platform.stopReplica(service, 2);
        }
        for (int i = 0; i < PER_PHASE; i++, n++) {
            grievances.add(submit(1, token, n));
        }
        // and starts again while the stream goes on
        for (String service : SERVICES) {
            platform.startReplica(service, 2);
        }
        token = token();
        for (int i = 0; i < PER_PHASE; i++, n++) {
            grievances.add(submit(1, token, n));
        }
        for (String service : SERVICES) {
            platform.awaitReplica(service, 2);
        }
        token = token();
        for (int i = 0; i < PER_PHASE; i++, n++) {
            grievances.add(submit(1 + n % REPLICAS, token, n));
        }
        Set<String> ours = new HashSet<>(grievances);
        assertEquals(grievances.size(), ours.size());

        try (TopicProbe probe = new TopicProbe(platform.kafka().bootstrapServers())) {
            // every grievance dispatched exactly once (distinct CloudEvent ids; the relay may publish a batch again
            // after a stop, which consumers drop by id, so repeated records of one id are counted separately)
            List<TopicProbe.Event> routing = probe.read("qinqing.routing.events", Duration.ofMinutes(3),
                    read -> distinctOfType(read, ours, "cn.qinqing.routing.dispatched.v1").keySet().containsAll(ours));
            Map<String, Set<String>> dispatched = distinctOfType(routing, ours, "cn.qinqing.routing.dispatched.v1");
            assertEquals(ours, dispatched.keySet(), "every grievance dispatched");
            dispatched.forEach((grievance, ids) -> assertEquals(1, ids.size(), grievance + " dispatched " + ids.size() + " times"));

            // one clock per step: one deadline-set STARTED per grievance, clock kind and round
            List<TopicProbe.Event> deadline = probe.read("qinqing.deadline.events", Duration.ofMinutes(3),
                    read -> clocksStarted(read, ours).keySet().stream().map(k -> k.split("/")[0]).collect(Collectors.toSet())
                            .containsAll(ours) && clocksStarted(read, ours).size() >= 2 * ours.size());
            Map<String, Set<String>> clocks = clocksStarted(deadline, ours);
            clocks.forEach((clock, ids) -> assertEquals(1, ids.size(), "clock " + clock + " started " + ids.size() + " times"));
            for (String grievance : ours) {
                assertTrue(clocks.containsKey(grievance + "/SIGN_FOR/1") && clocks.containsKey(grievance + "/REPLY/1"),
                        grievance + " has its sign-for and reply clocks");
            }

            // each notification once: one delivered per grievance, kind, recipient and channel
            List<TopicProbe.Event> notification = probe.read("qinqing.notification.events", Duration.ofMinutes(3),
                    read -> delivered(read, ours).keySet().stream().filter(k -> k.contains("/dispatched/"))
                            .map(k -> k.split("/")[0]).collect(Collectors.toSet()).containsAll(ours));
            // then read the whole topic for a quiet while, so a late second delivery would be seen
            notification = probe.read("qinqing.notification.events", Duration.ofSeconds(15), read -> false);
            Map<String, Set<String>> deliveries = delivered(notification, ours);
            deliveries.forEach((delivery, ids) -> assertEquals(1, ids.size(), "delivered " + ids.size() + " times: " + delivery));

            // both instances of every consumer applied events, and the groups share the partitions between them
            Map<String, String> appliedPerReplica = new LinkedHashMap<>();
            for (String service : SERVICES) {
                List<Long> applied = new ArrayList<>();
                for (int replica = 1; replica <= REPLICAS; replica++) {
                    applied.add(eventsApplied(platform.replicaUrl(service, replica)));
                }
                appliedPerReplica.put(service, applied.stream().map(String::valueOf).collect(Collectors.joining("/")));
                assertTrue(applied.stream().allMatch(count -> count > 0), service + " replicas applied " + applied);
            }
            Map<String, String> partitionsPerMember = sharedPartitions();

            long republished = routing.size() - routing.stream().map(TopicProbe.Event::id).distinct().count();
            System.out.printf("REPLICAS: %d grievances, %d services x %d replicas (replica 2 stopped and restarted "
                    + "mid-stream); dispatched once each: %d; clocks started once each: %d; deliveries once each: %d; "
                    + "routing records republished by the relay: %d; events applied per replica (1/2, replica 2 since "
                    + "its restart): %s; partitions per member at the end: %s%n",
                    ours.size(), SERVICES.size(), REPLICAS, dispatched.size(), clocks.size(), deliveries.size(), republished,
                    appliedPerReplica, partitionsPerMember);
        }
    }

    private static Map<String, Set<String>> distinctOfType(List<TopicProbe.Event> events, Set<String> ours, String type) {
        return group(events, ours, e -> type.equals(e.type()) ? e.key() : null);
    }

    private static Map<String, Set<String>> clocksStarted(List<TopicProbe.Event> events, Set<String> ours) {
        return group(events, ours, e -> e.type().equals("cn.qinqing.deadline.deadline-set.v1")
                && "STARTED".equals(e.data().path("reason").asText())
                        ? e.key() + "/" + e.data().path("clock").asText() + "/" + e.data().path("round").asInt() : null);
    }

    private static Map<String, Set<String>> delivered(List<TopicProbe.Event> events, Set<String> ours) {
        return group(events, ours, e -> e.type().equals("cn.qinqing.notification.delivered.v1")
                ? e.key() + "/" + e.data().path("kind").asText() + "/" + e.data().path("recipient").asText() + "/"
                        + e.data().path("channel").asText() : null);
    }

    /** Distinct CloudEvent ids per key, for the events of our grievances that {@code keyOf} names. */
    private static Map<String, Set<String>> group(List<TopicProbe.Event> events, Set<String> ours,
            Function<TopicProbe.Event, String> keyOf) {
        Map<String, Set<String>> grouped = new TreeMap<>();
        for (TopicProbe.Event event : events) {
            if (event.key() == null || !ours.contains(event.key()) || event.type() == null) {
                continue;
            }
            String key = keyOf.apply(event);
            if (key != null) {
                grouped.computeIfAbsent(key, k -> new HashSet<>()).add(event.id());
            }
        }
        return grouped;
    }

    private static final Pattern APPLIED = Pattern.compile("(?m)^qinqing_events_applied_total\\{[^}]*} ([0-9.E]+)");

    /** Events this one replica applied since it started (qinqing_events_applied_total over all publishers). */
    private static long eventsApplied(String url) {
        String metrics = given().when().get(url + "/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = APPLIED.matcher(metrics);
        double total = 0;
        while (m.find()) {
            total += Double.parseDouble(m.group(1));
        }
        return Math.round(total);
    }

    /** Each service's consumer group: per topic, how many partitions each of its members holds. */
    private static Map<String, String> sharedPartitions() throws Exception {
        Map<String, String> shares = new LinkedHashMap<>();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                platform.kafka().bootstrapServers()))) {
            List<String> groups = SERVICES.stream().map(s -> s + "-service").toList();
            Map<String, ConsumerGroupDescription> described = admin.describeConsumerGroups(groups).all()
                    .get(30, TimeUnit.SECONDS);
            for (String group : groups) {
                Map<String, List<Integer>> perTopic = new TreeMap<>();
                for (MemberDescription member : described.get(group).members()) {
                    Map<String, Long> counts = member.assignment().topicPartitions().stream()
                            .collect(Collectors.groupingBy(tp -> tp.topic(), Collectors.counting()));
                    counts.forEach((topic, count) -> perTopic.computeIfAbsent(topic, t -> new ArrayList<>())
                            .add(count.intValue()));
                }
                perTopic.forEach((topic, counts) -> {
                    assertEquals(REPLICAS, counts.size(), group + " shares " + topic + " between both replicas: " + counts);
                    assertEquals(12, counts.stream().mapToInt(Integer::intValue).sum(), group + " holds all of " + topic);
                });
                shares.put(group, perTopic.entrySet().stream()
                        .map(e -> e.getKey().replace("qinqing.", "").replace(".events", "") + "=" + e.getValue())
                        .collect(Collectors.joining(",")));
            }
        }
        return shares;
    }
}
