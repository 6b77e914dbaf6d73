package com.glowglitch.compliance.audit;

import java.time.Instant;
import java.util.Map;

/** One line of the audit trail: which event changed which resource, when, by whom. */
public record AuditEntry(String id, String resource, String action, String actor, String source, String topic,
                         Instant occurredAt, Instant recordedAt, Map<String, Object> data) {
}
