package org.qinqing.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * A single-node KRaft broker from the {@code org.apache.kafka:kafka_2.13} jars, run as a child process so its
 * own dependencies stay off the caller's classpath. Its data survives {@link #stop()} and a later {@link #start()}.
 */
public final class KafkaBroker {

    private final Path stateDir;
    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private ChildProcess process;

    public KafkaBroker(Path stateDir, int port, int controllerPort) {
        this.stateDir = stateDir;
        this.dataDir = stateDir.resolve("kafka");
        this.port = port;
        this.controllerPort = controllerPort;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public synchronized KafkaBroker start() {
        if (ChildProcess.portOpen(port) || ChildProcess.portOpen(controllerPort)) {
            throw new IllegalStateException("port " + port + " or " + controllerPort
                    + " is already taken; stop what listens there or choose other ports (QINQING_KAFKA_PORT)");
        }
        String classpath = PlatformPaths.resolvedServerFile("kafka.classpath");
        Path config = writeConfig();
        if (!Files.exists(dataDir.resolve("log/meta.properties"))) {
            format(classpath, config);
        }
        process = ChildProcess.start("kafka", List.of(PlatformPaths.java().toString(), "-Xms128m", "-Xmx512m",
                "-cp", classpath, "kafka.Kafka", config.toString()), Map.of(), dataDir, stateDir);
        process.awaitReady("listening on " + port, Duration.ofSeconds(90), () -> ChildProcess.portOpen(port));
        return this;
    }

    private Path writeConfig() {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", dataDir.resolve("log").toString());
        p.setProperty("num.partitions", "1");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "6");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        try {
            Files.createDirectories(dataDir);
            Path file = dataDir.resolve("server.properties");
            try (var out = Files.newBufferedWriter(file)) {
                p.store(out, "written by org.qinqing.platform.KafkaBroker");
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void format(String classpath, Path config) {
        // a Kafka Uuid in its base64 form; one starting with '-' would be read as an option, as Kafka itself avoids
        String clusterId;
        do {
            byte[] id = new byte[16];
            new SecureRandom().nextBytes(id);
            clusterId = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        } while (clusterId.startsWith("-"));
        try {
            Process format = new ProcessBuilder(PlatformPaths.java().toString(), "-cp", classpath,
                    "kafka.tools.StorageTool", "format", "-t", clusterId, "-c", config.toString(), "--standalone")
                    .redirectErrorStream(true).start();
            String output = new String(format.getInputStream().readAllBytes());
            if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
                throw new IllegalStateException("formatting the Kafka log directory failed:\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Creates the declared topics that do not exist yet. */
    public void createTopics(TopicPlan plan) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            List<NewTopic> missing = plan.partitionsByTopic().entrySet().stream()
                    .filter(topic -> !existing.contains(topic.getKey()))
                    .map(topic -> new NewTopic(topic.getKey(), topic.getValue(), (short) 1).configs(plan.config(topic.getKey())))
                    .collect(Collectors.toList());
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("could not create topics on " + bootstrapServers(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public synchronized void stop() {
        if (process != null) {
            process.stop();
            process = null;
        }
    }

    /** Stops the broker as a crash would. */
    public synchronized void kill() {
        if (process != null) {
            process.kill();
            process = null;
        }
    }

    public ChildProcess process() {
        return process;
    }
}
