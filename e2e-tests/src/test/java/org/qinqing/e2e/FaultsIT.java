package org.qinqing.e2e;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.qinqing.platform.LocalPlatform;

/**
 * Faults in the middle of a stream of submissions (issue 9): the Kafka broker stopped and started again, and each
 * of the four services killed ({@code kill -9}) and started again. Afterwards every acknowledged grievance is
 * dispatched exactly once, has one sign-for and one reply clock, and the enterprise gets exactly one in-app
 * dispatch notice ({@link FaultScenario}). Each scenario prints submitted / acknowledged / dispatched / duplicates
 * / lost.
 *
 * <p>PostgreSQL stopped and started again is {@link PostgresRestartIT}: a platform on a PostgreSQL cluster of its
 * own, since these scenarios share the machine's cluster with every other build and test on it.
 *
 * <p>Minutes long, so it runs only when asked: {@code ./mvnw -B verify -pl e2e-tests -Dit.test=FaultsIT -Dfaults}.
 */
@EnabledIfSystemProperty(named = "faults", matches = ".*")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsIT {

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
        FaultScenario.run(platform, "kafka broker stopped 15 s", () -> {
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
        FaultScenario.run(platform, service + "-service killed (kill -9) and started again", () -> {
            platform.service(service).kill();
            Thread.sleep(3_000);
            platform.startService(service);
            platform.awaitService(service);
        });
    }
}
