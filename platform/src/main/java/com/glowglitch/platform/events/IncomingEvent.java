package com.glowglitch.platform.events;

import java.time.Instant;

import tools.jackson.databind.JsonNode;

/** An event as a consumer sees it: the CloudEvents attributes plus the parsed JSON data. */
public record IncomingEvent(String id, String type, String source, Instant time, String subject,
                            String topic, String traceparent, JsonNode data) {
}
