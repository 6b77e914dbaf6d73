package com.glowglitch.platform.events;

import java.time.Clock;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

/**
 * Builds outbox entries: assigns the event id, time and source, and serializes the data
 * record once. Services call it inside the method that changes the aggregate.
 */
public class EventFactory {

    private final JsonMapper json;
    private final Clock clock;
    private final String source;

    public EventFactory(JsonMapper json, Clock clock, String applicationName) {
        this.json = json;
        this.clock = clock;
        this.source = "/" + applicationName;
    }

    public OutboxEntry create(String topic, String type, String aggregateId, Object data) {
        return create(topic, type, aggregateId, data, null);
    }

    public OutboxEntry create(String topic, String type, String aggregateId, Object data, String traceparent) {
        return new OutboxEntry(UUID.randomUUID().toString(), topic, type, aggregateId, source,
                clock.instant(), json.writeValueAsString(data), traceparent);
    }
}
