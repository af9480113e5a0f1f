package org.qinqing.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
        // both checks run and print their figures, whichever fails
        AssertionError pipeline = null;
        try {
            FaultScenario.check(platform, NAME, submissions);
        } catch (AssertionError e) {
            pipeline = e;
        }
        try {
            checkRefusalsAndDeadLetters(submissions);
        } catch (AssertionError e) {
            if (pipeline != null) {
                e.addSuppressed(pipeline);
            }
            throw e;
        }
        if (pipeline != null) {
            throw pipeline;
        }
    }

    private static void checkRefusalsAndDeadLetters(List<Submission> submissions) throws SQLException {
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
        System.out.printf("FAULT %s: refused %d (cleanly %d, stored anyway %d) / dead-lettered %d%n", NAME,
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
