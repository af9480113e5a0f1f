package org.qinqing.platform.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.Map;
import org.qinqing.platform.ChildProcess;
import org.qinqing.platform.KafkaBroker;
import org.qinqing.platform.Postgres;
import org.qinqing.platform.TopicPlan;

/**
 * A service's tests on real parts: a throw-away PostgreSQL database and a real Kafka broker (child process)
 * with the platform's topics, both gone when the tests end.
 */
public class RealInfrastructure implements QuarkusTestResourceLifecycleManager {

    private static KafkaBroker broker;
    private Postgres postgres;
    private String database;

    /** The running broker, for tests that stop and restart it. */
    public static KafkaBroker broker() {
        return broker;
    }

    @Override
    public Map<String, String> start() {
        String module = Path.of("").toAbsolutePath().getFileName().toString().replaceAll("[^a-z]", "_");
        database = "test_" + module + "_" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        postgres = Postgres.fromEnvironment().ensureRunning();
        postgres.ensureDatabase(database, database, database);
        broker = new KafkaBroker(Path.of("target", "test-kafka-" + database).toAbsolutePath(), ChildProcess.freePort(),
                ChildProcess.freePort()).start();
        broker.createTopics(TopicPlan.load());
        return Map.of(
                "quarkus.datasource.jdbc.url", postgres.jdbcUrl(database),
                "quarkus.datasource.username", database,
                "quarkus.datasource.password", database,
                "kafka.bootstrap.servers", broker.bootstrapServers());
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.stop();
        }
        if (postgres != null) {
            postgres.dropDatabase(database, database);
        }
    }
}
