package org.qinqing.notification.notice;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.qinqing.events.CloudEventTypes;
import org.qinqing.events.ReceivedEvent;

/**
 * An event whose recipient rests on a fact another topic has not brought yet, kept as it was read. The
 * transaction that brings the fact applies it again through the same rule (PLATFORM.md §4: order holds within a
 * topic only, and notification reads each topic with its own consumer).
 */
@Entity
@Table(name = "waiting_notice")
public class WaitingNotice extends PanacheEntityBase {

    /** What a waiting event needs to know of its case, and the event that tells it. */
    public enum Fact {
        /** The enterprise, or that the case is a tip-off: intake's accepted (or rejected). */
        SUBMITTER,
        /** The lead department: routing's dispatched. */
        LEAD_DEPARTMENT
    }

    @Id
    @Column(name = "event_id")
    public UUID eventId;
    @Column(name = "grievance_id")
    public UUID grievanceId;
    @Enumerated(EnumType.STRING)
    @Column(name = "waits_for")
    public Fact waitsFor;
    /** The CloudEvent type, e.g. {@code cn.qinqing.routing.info-requested.v1}. */
    @Column(name = "event_type")
    public String eventType;
    public String data;
    public Instant since;

    /** Records the event as waiting; a redelivered event that already waits changes nothing. */
    static void record(ReceivedEvent event, Fact fact, Instant now) {
        getEntityManager().createNativeQuery("""
                INSERT INTO waiting_notice (event_id, grievance_id, waits_for, event_type, data, since)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (event_id) DO NOTHING""")
                .setParameter(1, event.id()).setParameter(2, event.grievanceId()).setParameter(3, fact.name())
                .setParameter(4, CloudEventTypes.type(event.publisher(), event.name(), event.version()))
                .setParameter(5, event.data().toString()).setParameter(6, now)
                .executeUpdate();
    }

    /** The grievance's events waiting for the fact, oldest first, taken off the list. */
    static List<WaitingNotice> takeAll(UUID grievanceId, Fact fact) {
        List<WaitingNotice> waiting = list("grievanceId = ?1 and waitsFor = ?2 order by since, eventId", grievanceId, fact);
        waiting.forEach(w -> w.delete());
        flush();
        return waiting;
    }

    /** The event as the consumer read it (same id, type and data), to be applied again. */
    ReceivedEvent event(ObjectMapper mapper) {
        ConsumerRecord<String, String> record = new ConsumerRecord<>("waiting_notice", 0, 0L, grievanceId.toString(), data);
        record.headers().add("ce_id", eventId.toString().getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_type", eventType.getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_subject", grievanceId.toString().getBytes(StandardCharsets.UTF_8));
        return ReceivedEvent.from(record, mapper);
    }
}
