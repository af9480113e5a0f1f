package org.qinqing.events;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

/**
 * Domain counters that count what was committed: a handler that rolls back (and is retried, or goes to the
 * dead-letter topic) counts nothing, so {@code qinqing.grievances.dispatched} equals the dispatched events.
 */
@ApplicationScoped
public class CommittedCounters {

    private final MeterRegistry registry;
    private final TransactionSynchronizationRegistry transactions;

    public CommittedCounters(MeterRegistry registry, TransactionSynchronizationRegistry transactions) {
        this.registry = registry;
        this.transactions = transactions;
    }

    /** Adds one to the counter (name and tag pairs) when the surrounding transaction commits. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void increment(String name, String... tags) {
        var counter = registry.counter(name, tags);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    counter.increment();
                }
            }
        });
    }
}
