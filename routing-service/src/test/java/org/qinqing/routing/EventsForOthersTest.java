package org.qinqing.routing;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.qinqing.events.IdempotentConsumer;
import org.qinqing.platform.testing.RealInfrastructure;
import org.qinqing.platform.testing.TopicProbe;

/**
 * An event on routing's topics that routing does not apply (intake's {@code submitted}, for notification and
 * deadline) is passed by without a transaction: it leaves no processed_event row, and the next event is applied.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class EventsForOthersTest {

    @Inject
    IdempotentConsumer consumer;

    @Test
    void submitted_isPassedByUnrecorded_andTheAcceptedAfterItIsApplied() {
        UUID id = UUID.randomUUID();
        UUID submitted;
        UUID accepted;
        try (TopicProbe probe = new TopicProbe(RealInfrastructure.broker().bootstrapServers())) {
            submitted = UUID.fromString(probe.publish("intake", "submitted", id, 1,
                    DispatchingAcceptedGrievancesTest.accepted("FINANCING", "330106")));
            accepted = UUID.fromString(probe.publish("intake", "accepted", id, 2,
                    DispatchingAcceptedGrievancesTest.accepted("FINANCING", "330106")));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> consumer.applied(accepted));
        // same key, same partition: the accepted applied means the submitted before it was read and passed by
        assertFalse(consumer.applied(submitted), "an event routing does not apply is not recorded as processed");
    }
}
