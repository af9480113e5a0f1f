package org.qinqing.events;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The W3C trace context an event carries across Kafka: the span that wrote it is stored with the outbox row
 * ({@code traceparent}), the relay puts it on the record as the {@code traceparent} header, and the consumer
 * starts its span as a child of it. One trace then follows a grievance from the HTTP request through every hop.
 */
final class TraceContext {

    static final String HEADER = "traceparent";
    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();

    private static final TextMapGetter<Headers> KAFKA_HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers headers) {
            List<String> keys = new java.util.ArrayList<>();
            headers.forEach(header -> keys.add(header.key()));
            return keys;
        }

        @Override
        public String get(Headers headers, String key) {
            Header header = headers == null ? null : headers.lastHeader(key);
            return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }
    };

    private TraceContext() {
    }

    /** The traceparent of the current span, or null when no sampled trace is active (tracing off). */
    static String current() {
        Map<String, String> carrier = new HashMap<>();
        W3C.inject(Context.current(), carrier, Map::put);
        return carrier.get(HEADER);
    }

    /** The context a consumed record's traceparent header names; the root context when it has none. */
    static Context of(Headers headers) {
        return W3C.extract(Context.root(), headers, KAFKA_HEADERS);
    }
}
