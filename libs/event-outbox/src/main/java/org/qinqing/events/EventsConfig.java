package org.qinqing.events;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "qinqing.events")
public interface EventsConfig {

    /** The publishing service's short name: intake, routing, deadline, notification. */
    String service();

    /** How often the relay looks for unpublished rows when no commit woke it (crash recovery, other replicas). */
    @WithDefault("1s")
    Duration relayPollInterval();

    @WithDefault("500")
    int relayBatchSize();

    /** Longest wait for the broker to acknowledge one batch before the relay gives up and retries. */
    @WithDefault("180s")
    Duration relayAckTimeout();
}
