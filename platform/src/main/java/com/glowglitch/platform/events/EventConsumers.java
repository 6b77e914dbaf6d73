package com.glowglitch.platform.events;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns an {@link EventHandler} into the functional {@code Consumer<Message<byte[]>>} that a
 * Spring Cloud Stream binding calls. Malformed or contract-breaking records raise
 * {@link PoisonEventException} (not retried: straight to {@code <topic>.DLT} with the reason);
 * any other failure is retried with back-off by the binder and dead-lettered after the last try.
 *
 * <p>The Kafka listener thread waits for the reactive handler to finish: the offset must only
 * be committed once the effect is durable (at-least-once). That thread belongs to the Kafka
 * container, not to an event loop, so this is the one sanctioned place where the platform
 * blocks on a {@code Mono}.
 */
public class EventConsumers {

    private static final Logger log = LoggerFactory.getLogger(EventConsumers.class);

    private final JsonMapper json;
    private final EventValidator validator;
    private final Duration timeout;

    public EventConsumers(JsonMapper json, EventValidator validator, Duration timeout) {
        this.json = json;
        this.validator = validator;
        this.timeout = timeout;
    }

    public Consumer<Message<byte[]>> consumer(EventHandler handler) {
        return message -> {
            IncomingEvent event = parse(message);
            validator.validate(event);
            handler.handle(event).block(timeout);
            log.debug("handled {} {} from {}", event.type(), event.id(), event.topic());
        };
    }

    public IncomingEvent parse(Message<byte[]> message) {
        MessageHeaders h = message.getHeaders();
        String id = required(h, CloudEventHeaders.ID);
        String type = required(h, CloudEventHeaders.TYPE);
        String source = required(h, CloudEventHeaders.SOURCE);
        String timeText = required(h, CloudEventHeaders.TIME);
        Instant time;
        try {
            time = Instant.parse(timeText);
        } catch (DateTimeParseException e) {
            throw new PoisonEventException("header ce_time is not an RFC 3339 instant: " + abbreviate(timeText));
        }
        byte[] body = message.getPayload();
        if (body == null || body.length == 0) {
            throw new PoisonEventException("event " + id + " has no data");
        }
        JsonNode data;
        try {
            data = json.readTree(body);
        } catch (JacksonException e) {
            throw new PoisonEventException("event " + id + " (" + type + ") data is not valid JSON: "
                    + abbreviate(e.getOriginalMessage()));
        }
        if (data == null || !data.isObject()) {
            throw new PoisonEventException("event " + id + " (" + type + ") data must be a JSON object");
        }
        return new IncomingEvent(id, type, source, time, attribute(h, CloudEventHeaders.SUBJECT),
                text(h.get(KafkaHeaders.RECEIVED_TOPIC)), text(h.get(CloudEventHeaders.TRACEPARENT)), data);
    }

    private static String required(MessageHeaders h, String name) {
        String v = attribute(h, name);
        if (v == null || v.isBlank()) {
            throw new PoisonEventException("missing CloudEvents header " + name);
        }
        return v;
    }

    /**
     * Spring Cloud Function may rewrite the Kafka binding's {@code ce_} prefix to the canonical
     * {@code ce-} before the consumer sees the message, so both spellings are accepted.
     */
    private static String attribute(MessageHeaders h, String kafkaName) {
        String v = text(h.get(kafkaName));
        return v != null ? v : text(h.get("ce-" + kafkaName.substring(3)));
    }

    static String text(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
        return v.toString();
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
