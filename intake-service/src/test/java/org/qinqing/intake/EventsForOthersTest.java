package org.qinqing.intake;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.qinqing.events.IdempotentConsumer;
import org.qinqing.platform.testing.RealInfrastructure;
import org.qinqing.platform.testing.TopicProbe;

/**
 * An event on intake's topics that intake does not apply (routing's {@code extension-requested}, for deadline and
 * notification) is passed by without a transaction: it leaves no processed_event row, and the next event is applied.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class EventsForOthersTest {

    @Inject
    IdempotentConsumer consumer;

    @Test
    void extensionRequested_isPassedByUnrecorded_andTheNoteAfterItIsApplied() {
        UUID id = UUID.randomUUID();
        UUID extensionRequested;
        UUID noteAdded;
        try (TopicProbe probe = new TopicProbe(RealInfrastructure.broker().bootstrapServers())) {
            extensionRequested = UUID.fromString(probe.publish("routing", "extension-requested", id, 1,
                    Map.of("clock", "REPLY", "workingDays", 5, "reason", "需要现场核查")));
            noteAdded = UUID.fromString(probe.publish("routing", "note-added", id, 2,
                    Map.of("text", "已电话联系企业", "visibility", "INTERNAL")));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> consumer.applied(noteAdded));
        // same key, same partition: the note applied means the request before it was read and passed by
        assertFalse(consumer.applied(extensionRequested), "an event intake does not apply is not recorded as processed");
    }
}
