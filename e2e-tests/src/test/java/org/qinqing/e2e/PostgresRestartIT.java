package org.qinqing.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.qinqing.e2e.FaultScenario.Submission;
import org.qinqing.platform.LocalPlatform;
import org.qinqing.platform.testing.TopicProbe;

/**
 * PostgreSQL stopped under load and started again (issue 9), on a platform with a PostgreSQL cluster of its own
 * ({@link LocalPlatform#ownPostgresCluster()}): the machine's shared cluster serves every other build and test.
 * The fast shutdown ends every session and rolls back the transactions in flight, in intake's requests and in
 * the consumers of every service alike.
 *
 * <p>Afterwards, besides {@link FaultScenario}'s checks (every acknowledged grievance dispatched once, with both
 * clocks and one enterprise notice): every submission intake did not acknowledge was refused cleanly — a problem
 * response (RFC 9457) or no answer at all, never a 2xx — and is not stored; and no service dead-lettered an event,
 * since one applied while the database was down would otherwise be skipped until someone replays it.
 *
 * <p>Creates a cluster with Debian's {@code pg_createcluster}, so it needs root or sudo; minutes long, so it runs
 * only when asked: {@code ./mvnw -B verify -pl e2e-tests -Dit.test=PostgresRestartIT -Dfaults}.
 */
@EnabledIfSystemProperty(named = "faults", matches = ".*")
class PostgresRestartIT {

    private static final String NAME = "postgresql stopped 10 s (fast shutdown) and started again";

    static LocalPlatform platform;

    @BeforeAll
    static void startPlatform() {
        platform = new LocalPlatform(LocalPlatform.Settings.throwAway(Path.of("target", "e2e-postgres-restart").toAbsolutePath()))
                .ownPostgresCluster().start();
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void postgresStoppedAndStartedMidStream_refusalsCleanNothingLostNothingTwice() throws Exception {
        List<Submission> submissions = FaultScenario.stream(platform, NAME, () -> {
            platform.postgresCluster().stop();
            Thread.sleep(10_000);
            platform.postgresCluster().start();
        });
        checkAll(NAME, submissions, List.of());
    }

    /**
     * Longer than the Kafka connector's 60 s limit for a record left unacknowledged (which, unless switched off,
     * closes the consumer for good), and routing stopped gracefully while it waits for the database, then started
     * once it is back. An {@code accepted} published while the database is down gives every consumer a record
     * to wait on. Minutes long: {@code -Dfaults.long}.
     */
    @Test
    @EnabledIfSystemProperty(named = "faults.long", matches = ".*")
    void postgresDown90s_routingStoppedWhileWaiting_nothingLostNothingTwice_consumersGoOn() throws Exception {
        String name = "postgresql stopped 90 s, routing stopped and started while it is down";
        UUID duringOutage = UUID.randomUUID();
        List<Submission> submissions = FaultScenario.stream(platform, name, () -> {
            platform.postgresCluster().stop();
            try (TopicProbe probe = new TopicProbe(platform.kafka().bootstrapServers())) {
                Map<String, Object> accepted = new HashMap<>(WalkingSkeletonIT.grievance());
                accepted.put("trackingNumber", "QQ20261205009001");
                probe.publish("intake", "accepted", duringOutage, 2, accepted);
            }
            Thread.sleep(20_000);
            long stopping = System.nanoTime();
            platform.stopService("routing");
            System.out.printf("FAULT %s: routing stopped in %d ms while waiting for the database%n", name,
                    (System.nanoTime() - stopping) / 1_000_000);
            Thread.sleep(70_000);
            platform.postgresCluster().start();
            platform.startService("routing");
            platform.awaitService("routing");
        });
        checkAll(name, submissions, List.of(duringOutage.toString()));
    }

    /** FaultScenario's checks and the refusals' and dead letters', each printing its figures whichever fails. */
    private static void checkAll(String name, List<Submission> submissions, List<String> publishedDuringOutage)
            throws Exception {
        List<AssertionError> failures = new ArrayList<>();
        try {
            FaultScenario.check(platform, name, submissions);
        } catch (AssertionError e) {
            failures.add(e);
        }
        try {
            checkRefusalsAndDeadLetters(name, submissions);
        } catch (AssertionError e) {
            failures.add(e);
        }
        if (!publishedDuringOutage.isEmpty()) {
            try (TopicProbe probe = new TopicProbe(platform.kafka().bootstrapServers())) {
                Set<String> waiting = Set.copyOf(publishedDuringOutage);
                long dispatched = probe.read("qinqing.routing.events", Duration.ofMinutes(2),
                        read -> read.stream().filter(e -> waiting.contains(e.key())).count() >= waiting.size())
                        .stream().filter(e -> waiting.contains(e.key()) && e.type().endsWith(".dispatched.v1")).count();
                System.out.printf("FAULT %s: published while the database was down %d / dispatched %d%n", name,
                        waiting.size(), dispatched);
                if (dispatched != waiting.size()) {
                    failures.add(new AssertionError("an event published while the database was down dispatched once each: "
                            + dispatched + " of " + waiting.size()));
                }
            }
        }
        if (!failures.isEmpty()) {
            AssertionError first = failures.getFirst();
            failures.stream().skip(1).forEach(first::addSuppressed);
            throw first;
        }
    }

    private static void checkRefusalsAndDeadLetters(String name, List<Submission> submissions) throws SQLException {
        List<Submission> refused = submissions.stream().filter(submission -> !submission.acknowledged()).toList();
        List<String> unclean = refused.stream().filter(submission -> !cleanRefusal(submission.refusal()))
                .map(submission -> submission.title() + ": " + submission.refusal()).toList();
        List<String> storedAnyway = new ArrayList<>();
        String intake = platform.settings().database("intake");
        try (Connection connection = DriverManager.getConnection(platform.postgres().jdbcUrl(intake), intake, intake);
                PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM grievance WHERE title = ?")) {
            for (Submission submission : refused) {
                if (count(query, submission.title()) > 0) {
                    storedAnyway.add(submission.title() + " (" + submission.refusal() + ")");
                }
            }
        }
        List<String> deadLetters = new ArrayList<>();
        try (TopicProbe probe = new TopicProbe(platform.kafka().bootstrapServers())) {
            for (String service : LocalPlatform.SERVICES) {
                String topic = "qinqing." + service + ".dead-letters";
                probe.deadLetters(topic, Duration.ofSeconds(5), read -> false).forEach(letter -> deadLetters.add(
                        topic + ": " + letter.type() + " " + letter.key() + " (" + letter.reason() + ")"));
            }
        }
        System.out.printf("FAULT %s: refused %d (cleanly %d, stored anyway %d) / dead-lettered %d%n", name,
                refused.size(), refused.size() - unclean.size(), storedAnyway.size(), deadLetters.size());
        unclean.forEach(refusal -> System.out.println("  refused uncleanly " + refusal));
        storedAnyway.forEach(title -> System.out.println("  refused but stored " + title));
        deadLetters.forEach(letter -> System.out.println("  dead-lettered " + letter));

        assertEquals(List.of(), unclean, "every refusal a problem response or no answer, never a 2xx");
        assertEquals(List.of(), storedAnyway, "nothing stored that intake did not acknowledge");
        assertEquals(List.of(), deadLetters, "no event dead-lettered while the database was down");
    }

    /** A 4xx/5xx problem response, or no answer (the connection refused or cut, the client's timeout). */
    private static boolean cleanRefusal(String refusal) {
        return refusal.matches("HTTP [45]\\d\\d problem") || refusal.endsWith("Exception");
    }

    private static int count(PreparedStatement query, String title) throws SQLException {
        query.setString(1, title);
        try (var result = query.executeQuery()) {
            result.next();
            return result.getInt(1);
        }
    }
}
