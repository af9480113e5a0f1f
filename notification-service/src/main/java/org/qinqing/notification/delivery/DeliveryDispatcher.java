package org.qinqing.notification.delivery;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.random.RandomGenerator;
import org.jboss.logging.Logger;
import org.qinqing.events.Actor;
import org.qinqing.events.Outbox;
import org.qinqing.notification.channel.Channel;
import org.qinqing.notification.channel.ChannelKind;
import org.qinqing.notification.channel.DeliveryFailure;
import org.qinqing.notification.channel.Masking;
import org.qinqing.notification.channel.OutgoingMessage;
import org.qinqing.notification.config.NotificationConfig;
import org.qinqing.notification.events.NotificationEvents;
import org.qinqing.notification.reporter.ReporterContact;
import org.qinqing.notification.reporter.ReporterContacts;

/**
 * Sends the due deliveries. A batch is claimed with {@code FOR UPDATE SKIP LOCKED} and a lease, so several
 * replicas share the work and a crashed replica's claims are taken up when the lease ends; the send itself runs
 * outside any transaction, and its outcome is recorded in one: SENT (and {@code delivered}), a retry after
 * back-off with jitter, or — permanent failure, retries exhausted — FAILED with a dead letter (and
 * {@code delivery-failed}). Quiet hours are checked again when sending, so a retry never wakes anyone at night.
 *
 * <p>A crash between a gateway's acceptance and the recording sends that delivery once more after the lease;
 * the request carries the delivery id (SMS {@code OutId}, webhook {@code X-Qinqing-Delivery}, WeChat
 * {@code client_msg_id}, a mail header) so the far side can drop the repeat.
 */
@ApplicationScoped
public class DeliveryDispatcher {

    private static final Logger LOG = Logger.getLogger(DeliveryDispatcher.class);

    private final EntityManager entityManager;
    private final Map<ChannelKind, Channel> channels = new EnumMap<>(ChannelKind.class);
    private final ReporterContacts reporterContacts;
    private final QuietHours quietHours;
    private final DeliveryMetrics metrics;
    private final Outbox outbox;
    private final Clock clock;
    private final NotificationConfig.Delivery config;
    private final Backoff backoff;
    private final RandomGenerator random = RandomGenerator.getDefault();

    public DeliveryDispatcher(EntityManager entityManager, Instance<Channel> channels, ReporterContacts reporterContacts,
            QuietHours quietHours, DeliveryMetrics metrics, Outbox outbox, Clock clock, NotificationConfig config) {
        this.entityManager = entityManager;
        channels.forEach(c -> this.channels.put(c.kind(), c));
        this.reporterContacts = reporterContacts;
        this.quietHours = quietHours;
        this.metrics = metrics;
        this.outbox = outbox;
        this.clock = clock;
        this.config = config.delivery();
        this.backoff = new Backoff(this.config.backoffBase(), this.config.backoffMax());
    }

    @Scheduled(every = "${notification.delivery.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduledRun() {
        try {
            while (runOnce() == config.batchSize()) {
                // a full batch: more are due
            }
        } catch (RuntimeException e) {
            LOG.warn("delivery run failed; the next run retries", e);
        }
    }

    /**
     * Claims and sends one batch of due deliveries; returns how many it claimed. Up to {@code parallel-sends}
     * grievances are sent for at once; each grievance's deliveries go one after another in their order, so the
     * dispatch notice of a case never overtakes its receipt on the same phone.
     */
    public int runOnce() {
        Instant now = clock.instant();
        List<Delivery> claimed = QuarkusTransaction.requiringNew().call(() -> claim(now));
        Map<UUID, List<Delivery>> byGrievance = new LinkedHashMap<>();
        for (Delivery d : claimed) {
            byGrievance.computeIfAbsent(d.grievanceId, g -> new ArrayList<>()).add(d);
        }
        if (byGrievance.size() <= 1 || config.parallelSends() <= 1) {
            claimed.forEach(this::process);
            return claimed.size();
        }
        Semaphore sends = new Semaphore(config.parallelSends());
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (List<Delivery> ofOneGrievance : byGrievance.values()) {
                sends.acquireUninterruptibly();
                senders.submit(() -> {
                    try {
                        ofOneGrievance.forEach(this::process);
                    } finally {
                        sends.release();
                    }
                });
            }
        } // waits for every send
        return claimed.size();
    }

    private List<Delivery> claim(Instant now) {
        @SuppressWarnings("unchecked")
        List<UUID> ids = entityManager.createNativeQuery("""
                SELECT id FROM delivery
                 WHERE status = 'PENDING' AND next_attempt_at <= ?1 AND (lease_until IS NULL OR lease_until < ?1)
                 ORDER BY next_attempt_at
                 LIMIT ?2
                 FOR UPDATE SKIP LOCKED""", UUID.class)
                .setParameter(1, now).setParameter(2, config.batchSize()).getResultList();
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Delivery> batch = Delivery.list("id in ?1 order by nextAttemptAt", ids);
        for (Delivery d : batch) {
            d.leaseUntil = now.plus(config.lease());
        }
        return batch;
    }

    private void process(Delivery d) {
        Instant now = clock.instant();
        if (d.channel.respectsQuietHours() && !d.urgent) {
            Instant allowed = QuarkusTransaction.requiringNew().call(() -> quietHours.nextAllowed(now, d.recipient));
            if (allowed.isAfter(now)) {
                record(d.id, delivery -> {
                    delivery.nextAttemptAt = allowed;
                    delivery.deferredUntil = allowed;
                    delivery.leaseUntil = null;
                });
                metrics.count(d.channel, DeliveryMetrics.Outcome.DEFERRED);
                return;
            }
        }
        OutgoingMessage message = d.toMessage();
        long started = System.nanoTime();
        try {
            if (message.address() == null) {
                Optional<String> address = reporterAddress(d);
                if (address.isEmpty()) {
                    skipped(d, "the reporter left no " + (d.channel == ChannelKind.SMS ? "phone number" : "e-mail address"));
                    return;
                }
                message = message.withAddress(address.get());
            }
            Channel channel = channels.get(d.channel);
            if (channel == null) {
                throw DeliveryFailure.permanent("no channel " + d.channel);
            }
            int parts = channel.send(message);
            succeeded(d, parts, now, elapsedMs(started));
        } catch (DeliveryFailure failure) {
            failed(d, failure, now, elapsedMs(started));
        } catch (RuntimeException e) {
            LOG.warnf(e, "delivery %s failed unexpectedly", d.id);
            failed(d, DeliveryFailure.transientFailure("unexpected " + e.getClass().getSimpleName()), now, elapsedMs(started));
        }
    }

    private Optional<String> reporterAddress(Delivery d) throws DeliveryFailure {
        try {
            Optional<ReporterContact> contact = reporterContacts.find(d.grievanceId,
                    "REPLY".equalsIgnoreCase(d.kind) ? "RATING_LINK" : "RECEIPT");
            return contact.map(c -> d.channel == ChannelKind.SMS ? c.phone() : c.email()).filter(a -> !a.isBlank());
        } catch (ReporterContacts.Unavailable e) {
            throw DeliveryFailure.transientFailure(e.getMessage());
        }
    }

    private void succeeded(Delivery d, int parts, Instant startedAt, int ms) {
        record(d.id, delivery -> {
            delivery.status = Delivery.Status.SENT;
            delivery.attempts++;
            delivery.partsSent = parts;
            delivery.sentAt = clock.instant();
            delivery.leaseUntil = null;
            delivery.lastError = null;
            attempt(delivery, startedAt, ms, "SENT", null);
            outbox.append(delivery.grievanceId, Actor.system(), new NotificationEvents.Delivered(delivery.id,
                    delivery.channel.name(), Masking.principal(delivery.recipient), delivery.kind, "DELIVERED",
                    delivery.attempts));
        });
        metrics.count(d.channel, DeliveryMetrics.Outcome.DELIVERED);
    }

    private void skipped(Delivery d, String reason) {
        record(d.id, delivery -> {
            delivery.status = Delivery.Status.SKIPPED;
            delivery.lastError = reason;
            delivery.leaseUntil = null;
        });
        metrics.count(d.channel, DeliveryMetrics.Outcome.SKIPPED);
    }

    private void failed(Delivery d, DeliveryFailure failure, Instant startedAt, int ms) {
        boolean[] dead = new boolean[1];
        record(d.id, delivery -> {
            delivery.attempts++;
            if (failure.partsSent() >= 0) {
                delivery.partsSent = failure.partsSent();
            }
            delivery.lastError = failure.getMessage();
            delivery.leaseUntil = null;
            attempt(delivery, startedAt, ms, failure.permanent() ? "PERMANENT" : "TRANSIENT", failure.getMessage());
            if (failure.permanent() || delivery.attempts >= config.maxAttempts()) {
                dead[0] = true;
                delivery.status = Delivery.Status.FAILED;
                delivery.nextAttemptAt = null;
                DeadLetter letter = new DeadLetter();
                letter.id = UUID.randomUUID();
                letter.deliveryId = delivery.id;
                letter.reason = (failure.permanent() ? "permanent failure: " : "gave up after " + delivery.attempts
                        + " attempts: ") + failure.getMessage();
                letter.deadAt = clock.instant();
                letter.persist();
                outbox.append(delivery.grievanceId, Actor.system(), new NotificationEvents.DeliveryFailed(delivery.id,
                        delivery.channel.name(), Masking.principal(delivery.recipient), delivery.kind, "FAILED",
                        letter.reason, delivery.attempts));
            } else {
                delivery.nextAttemptAt = clock.instant().plus(backoff.delay(delivery.attempts, random));
            }
        });
        metrics.count(d.channel, dead[0] ? DeliveryMetrics.Outcome.FAILED : DeliveryMetrics.Outcome.RETRY);
        LOG.infof("delivery %s (%s %s) failed: %s%s", d.id, d.channel, d.kind, failure.getMessage(),
                dead[0] ? " — dead letter" : " — will retry");
    }

    private void attempt(Delivery delivery, Instant startedAt, int ms, String outcome, String detail) {
        entityManager.createNativeQuery("""
                INSERT INTO delivery_attempt (delivery_id, attempt, started_at, duration_ms, outcome, detail)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6)""")
                .setParameter(1, delivery.id).setParameter(2, delivery.attempts).setParameter(3, startedAt)
                .setParameter(4, ms).setParameter(5, outcome).setParameter(6, detail).executeUpdate();
    }

    private void record(UUID id, java.util.function.Consumer<Delivery> change) {
        QuarkusTransaction.requiringNew().run(() -> change.accept(Delivery.findById(id)));
    }

    private static int elapsedMs(long startedNanos) {
        return (int) ((System.nanoTime() - startedNanos) / 1_000_000);
    }
}
