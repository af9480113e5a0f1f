package org.qinqing.intake;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.qinqing.platform.testing.RealInfrastructure;
import org.qinqing.platform.testing.TopicProbe;

/** The real topics, read and written as another service would. */
final class IntakeTopic {

    private IntakeTopic() {
    }

    /** The first event of that name intake published about the grievance, waiting for it up to 30 s. */
    static TopicProbe.Event published(UUID grievanceId, String eventName) {
        Predicate<TopicProbe.Event> wanted = e -> grievanceId.toString().equals(e.key())
                && e.type().equals("cn.qinqing.intake." + eventName + ".v1");
        try (TopicProbe probe = new TopicProbe(RealInfrastructure.broker().bootstrapServers())) {
            return probe.read("qinqing.intake.events", Duration.ofSeconds(30), read -> read.stream().anyMatch(wanted))
                    .stream().filter(wanted).findFirst().orElseThrow(() -> new AssertionError(
                            "intake published no " + eventName + " for " + grievanceId));
        }
    }

    /** Every event intake published about the grievance so far (reading for a few seconds). */
    static List<TopicProbe.Event> allPublished(UUID grievanceId, Duration wait) {
        try (TopicProbe probe = new TopicProbe(RealInfrastructure.broker().bootstrapServers())) {
            return probe.read("qinqing.intake.events", wait, read -> false).stream()
                    .filter(e -> grievanceId.toString().equals(e.key())).toList();
        }
    }

    /** Publishes events of another service about the grievance, in the given order. */
    static void publish(String service, UUID grievanceId, Object... nameSequenceFields) {
        try (TopicProbe probe = new TopicProbe(RealInfrastructure.broker().bootstrapServers())) {
            for (int i = 0; i < nameSequenceFields.length; i += 3) {
                @SuppressWarnings("unchecked")
                Map<String, Object> fields = (Map<String, Object>) nameSequenceFields[i + 2];
                probe.publish(service, (String) nameSequenceFields[i], grievanceId, ((Number) nameSequenceFields[i + 1]).longValue(), fields);
            }
        }
    }
}
