package com.glowglitch.platform.events;

import java.time.Instant;

import org.bson.Document;

/**
 * One event waiting in an aggregate's {@code outbox} array. It is written in the same
 * single-document update as the state change that caused it, so the two can never diverge.
 *
 * @param id          CloudEvents id (UUID), also the consumers' idempotency key
 * @param topic       Kafka topic, e.g. {@code catalog.events}
 * @param type        event type, e.g. {@code ProductCreated}
 * @param subject     aggregate id; becomes the Kafka key so per-aggregate order holds
 * @param source      producing service, e.g. {@code /catalog-service}
 * @param time        when the change happened
 * @param payload     the event's JSON data, serialized once at write time
 * @param traceparent W3C trace context of the request that caused it, if any
 */
public record OutboxEntry(String id, String topic, String type, String subject, String source,
                          Instant time, String payload, String traceparent) {

    public Document toDocument() {
        Document d = new Document("id", id).append("topic", topic).append("type", type)
                .append("subject", subject).append("source", source)
                .append("time", java.util.Date.from(time)).append("payload", payload);
        if (traceparent != null) {
            d.append("traceparent", traceparent);
        }
        return d;
    }

    public static OutboxEntry fromDocument(Document d) {
        Object t = d.get("time");
        Instant time = t instanceof java.util.Date date ? date.toInstant() : Instant.parse(String.valueOf(t));
        return new OutboxEntry(d.getString("id"), d.getString("topic"), d.getString("type"),
                d.getString("subject"), d.getString("source"), time, d.getString("payload"),
                d.getString("traceparent"));
    }
}
