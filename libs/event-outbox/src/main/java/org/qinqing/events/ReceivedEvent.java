package org.qinqing.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * A CloudEvent read from a topic in binary mode ({@code ce_*} headers, JSON data). Consumers read only the
 * fields they need from {@link #data()} (tolerant reader) or map it onto their own record with {@link #dataAs}.
 */
public final class ReceivedEvent {

    private final UUID id;
    private final String publisher;
    private final String name;
    private final int version;
    private final String subject;
    private final JsonNode data;
    private final ObjectMapper mapper;

    private ReceivedEvent(UUID id, String publisher, String name, int version, String subject, JsonNode data,
            ObjectMapper mapper) {
        this.id = id;
        this.publisher = publisher;
        this.name = name;
        this.version = version;
        this.subject = subject;
        this.data = data;
        this.mapper = mapper;
    }

    /** Reads the envelope; anything that is not one of our CloudEvents is a {@link MalformedEventException}. */
    public static ReceivedEvent from(ConsumerRecord<String, String> record, ObjectMapper mapper) {
        String id = header(record, "ce_id");
        String[] type = CloudEventTypes.parse(header(record, "ce_type"));
        if (id == null || type == null) {
            throw new MalformedEventException("not a qinqing CloudEvent (ce_id=" + id + ", ce_type="
                    + header(record, "ce_type") + ") at " + record.topic() + "/" + record.partition() + "@" + record.offset());
        }
        UUID eventId;
        JsonNode data;
        try {
            eventId = UUID.fromString(id);
            data = mapper.readTree(record.value() == null ? "" : record.value());
        } catch (IllegalArgumentException | JsonProcessingException e) {
            throw new MalformedEventException("unreadable event " + id + ": " + e.getMessage());
        }
        if (data == null || !data.isObject() || !data.hasNonNull("grievanceId")) {
            throw new MalformedEventException("event " + id + " has no JSON object data with a grievanceId");
        }
        return new ReceivedEvent(eventId, type[0], type[1], Integer.parseInt(type[2]), header(record, "ce_subject"),
                data, mapper);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    public UUID id() {
        return id;
    }

    /** The publishing service: intake, routing, deadline, notification. */
    public String publisher() {
        return publisher;
    }

    /** The event's name as PLATFORM.md §4 spells it: accepted, dispatched, deadline-set. */
    public String name() {
        return name;
    }

    /** Publisher and name, as consumers name what they apply: intake.accepted, routing.dispatched. */
    public String type() {
        return publisher + "." + name;
    }

    public int version() {
        return version;
    }

    public String subject() {
        return subject;
    }

    public JsonNode data() {
        return data;
    }

    public UUID grievanceId() {
        return UUID.fromString(data.get("grievanceId").asText());
    }

    /** The grievance's sequence number within its publisher. */
    public long sequence() {
        return data.path("sequence").asLong();
    }

    public Instant occurredAt() {
        return Instant.parse(data.get("occurredAt").asText());
    }

    public String text(String field) {
        JsonNode node = data.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }

    public <T> T dataAs(Class<T> type) {
        try {
            return mapper.treeToValue(data, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new MalformedEventException("event " + id + " (" + name + ") does not fit " + type.getSimpleName()
                    + ": " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return publisher + "." + name + ".v" + version + " " + id + " grievance " + data.path("grievanceId").asText();
    }
}
