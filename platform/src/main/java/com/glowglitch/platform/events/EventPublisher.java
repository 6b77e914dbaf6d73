package com.glowglitch.platform.events;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;

import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Sends one outbox entry to Kafka through Spring Cloud Stream and returns only once the
 * broker acknowledged it (the binder's producers run with {@code sync=true} and
 * {@code acks=all}); any failure is thrown so the relay keeps the entry for a later try.
 * Blocking by design: the relay calls it on a bounded-elastic worker, never on an event loop.
 */
public class EventPublisher {

    private final StreamBridge bridge;

    public EventPublisher(StreamBridge bridge) {
        this.bridge = bridge;
    }

    public void publish(OutboxEntry e) {
        boolean sent = bridge.send(e.topic(), toMessage(e));
        if (!sent) {
            throw new IllegalStateException("binder refused event " + e.id() + " for " + e.topic());
        }
    }

    public static Message<byte[]> toMessage(OutboxEntry e) {
        MessageBuilder<byte[]> b = MessageBuilder.withPayload(e.payload().getBytes(StandardCharsets.UTF_8))
                .setHeader(KafkaHeaders.KEY, bytes(e.subject()))
                .setHeader(CloudEventHeaders.SPEC_VERSION, bytes("1.0"))
                .setHeader(CloudEventHeaders.ID, bytes(e.id()))
                .setHeader(CloudEventHeaders.TYPE, bytes(e.type()))
                .setHeader(CloudEventHeaders.SOURCE, bytes(e.source()))
                .setHeader(CloudEventHeaders.TIME, bytes(DateTimeFormatter.ISO_INSTANT.format(e.time())))
                .setHeader(CloudEventHeaders.SUBJECT, bytes(e.subject()))
                .setHeader(CloudEventHeaders.CONTENT_TYPE, bytes("application/json"));
        if (e.traceparent() != null) {
            b.setHeader(CloudEventHeaders.TRACEPARENT, bytes(e.traceparent()));
        }
        return b.build();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
