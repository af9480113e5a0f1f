package org.qinqing.deadline;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qinqing.deadline.WorkingCalendarTest.china;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.qinqing.deadline.clock.Clock;
import org.qinqing.deadline.escalation.DueClockScanner;
import org.qinqing.platform.testing.RealInfrastructure;
import org.qinqing.platform.testing.TopicProbe;

/**
 * Two scanners (as two replicas run them, each in its own transactions on the shared database) over many
 * clocks due at the same moment: they claim disjoint sets, both do part of the work, and every clock escalates
 * exactly once; the domain counters count each escalation and each overdue grievance once.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class TwoScannersManyDueClocksTest {

    private static final int CLOCKS = 1_200;

    @Inject
    DueClockScanner scanner;

    @Test
    void manyClocksDueAtOnce_twoScanners_claimDisjointSets_andEachEscalatesOnce() throws Exception {
        // due at 09:30 on Tuesday 24 Nov; at 10:00 level 1 is due for all, level 2 (two working days later) for none
        Instant due = china("2026-11-24T09:30");
        Instant now = china("2026-11-24T10:00");
        Set<UUID> grievances = new HashSet<>();
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < CLOCKS; i++) {
                Clock clock = new Clock();
                clock.id = UUID.randomUUID();
                clock.grievanceId = UUID.randomUUID();
                clock.kind = Clock.Kind.REPLY;
                clock.round = 1;
                clock.departmentCode = "XH-SCJG";
                clock.departmentLevel = "DISTRICT";
                clock.regionChain = new String[] { "330106", "330100", "330000" };
                clock.status = Clock.Status.RUNNING;
                clock.startedAt = china("2026-11-10T09:00");
                clock.dueAt = due;
                clock.nextCheckAt = due;
                clock.updatedAt = Instant.now();
                clock.persist();
                grievances.add(clock.grievanceId);
            }
        });
        double escalationsBefore = counter("qinqing_deadline_escalations_total", "level=\"1\"");
        double overdueBefore = counter("qinqing_grievances_overdue_total", "clock=\"REPLY\"");

        // clocks other tests left due at that moment are claimed too
        long dueBefore = QuarkusTransaction.requiringNew().call(() -> Clock.count("status = ?1 and nextCheckAt <= ?2",
                Clock.Status.RUNNING, now));
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Integer>> scanners = new ArrayList<>();
        // two threads of their own: the common pool has one worker on a two-core machine and would run them in turn
        ExecutorService threads = Executors.newFixedThreadPool(2);
        for (int i = 0; i < 2; i++) {
            scanners.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                int claimed = 0;
                int batch;
                // batches of 500: the two scanners meet over the same due set several times
                do {
                    batch = scanner.scan(now);
                    claimed += batch;
                } while (batch > 0);
                return claimed;
            }, threads));
        }
        start.countDown();
        int first = scanners.get(0).get();
        int second = scanners.get(1).get();
        threads.shutdown();
        System.out.printf("two scanners over %d due clocks: first claimed %d, second claimed %d%n", CLOCKS, first, second);
        assertEquals(dueBefore, first + second, "every due clock claimed by exactly one scanner");
        assertTrue(first > 0 && second > 0, "both scanners did part of the work: " + first + " / " + second);

        Map<UUID, Long> escalationsPerGrievance;
        try (TopicProbe probe = new TopicProbe(RealInfrastructure.broker().bootstrapServers())) {
            escalationsPerGrievance = probe.read("qinqing.deadline.events", Duration.ofSeconds(60),
                    read -> read.stream().filter(e -> e.type().endsWith(".escalated.v1")
                            && grievances.contains(UUID.fromString(e.key()))).count() >= CLOCKS)
                    .stream().filter(e -> e.type().endsWith(".escalated.v1") && grievances.contains(UUID.fromString(e.key())))
                    .collect(Collectors.groupingBy(e -> UUID.fromString(e.key()), Collectors.counting()));
        }
        assertEquals(grievances, escalationsPerGrievance.keySet(), "every clock escalated");
        assertEquals(Set.of(1L), new HashSet<>(escalationsPerGrievance.values()), "and each exactly once");
        assertEquals(CLOCKS, QuarkusTransaction.requiringNew().call(() -> Clock.count("escalationLevel = 1 and dueAt = ?1", due)));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertEquals(escalationsBefore + CLOCKS, counter("qinqing_deadline_escalations_total", "level=\"1\""));
            assertEquals(overdueBefore + CLOCKS, counter("qinqing_grievances_overdue_total", "clock=\"REPLY\""));
        });
    }

    private static double counter(String name, String label) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^" + name + "\\{[^}]*" + Pattern.quote(label) + "[^}]*} ([0-9.E]+)( #.*)?$")
                .matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
