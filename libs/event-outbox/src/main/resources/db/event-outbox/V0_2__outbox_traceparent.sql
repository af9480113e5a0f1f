-- The W3C trace context (traceparent) of the span that wrote the event, so the relay, which publishes later
-- on its own thread, can put it on the Kafka record and the consumer's span continues the same trace.
-- Null when no trace was active (tracing off).
ALTER TABLE outbox_event ADD COLUMN traceparent varchar(55);
