package com.glowglitch.compliance.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import com.glowglitch.platform.events.EventHandler;
import com.glowglitch.platform.events.IncomingEvent;
import com.glowglitch.platform.idempotency.IdempotentWrites;
import com.glowglitch.platform.mongo.Keyset;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code audit_logs} collection. Every event of every context becomes one entry whose id
 * is the event id, written with {@code $setOnInsert}: redelivery (at-least-once) never
 * duplicates a line of the trail.
 */
@Component
public class AuditTrail implements EventHandler {

    static final String COLLECTION = "audit_logs";
    private static final List<String> ACTOR_FIELDS = List.of("actor", "createdBy", "updatedBy", "userId", "adminId");

    private final IdempotentWrites idempotent;
    private final ReactiveMongoTemplate mongo;
    private final JsonMapper json;
    private final Clock clock;

    public AuditTrail(IdempotentWrites idempotent, ReactiveMongoTemplate mongo, JsonMapper json, Clock clock) {
        this.idempotent = idempotent;
        this.mongo = mongo;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public Mono<Void> handle(IncomingEvent e) {
        Document entry = new Document("resource", Resources.of(e.topic(), e.type(), e.subject()))
                .append("action", e.type())
                .append("actor", actor(e.data()))
                .append("source", e.source())
                .append("topic", e.topic())
                .append("occurredAt", Date.from(e.time()))
                .append("recordedAt", Date.from(clock.instant()))
                .append("data", Document.parse(e.data().toString()));
        if (e.traceparent() != null) {
            entry.append("traceparent", e.traceparent());
        }
        return idempotent.createOnce(COLLECTION, e.id(), entry).then();
    }

    private static String actor(JsonNode data) {
        for (String f : ACTOR_FIELDS) {
            JsonNode v = data.get(f);
            if (v != null && v.isString()) {
                return v.asString();
            }
        }
        return "system";
    }

    /** Entries for one resource, oldest first (the story of that resource), after the cursor. */
    public Flux<AuditEntry> forResource(String resource, Instant afterTime, String afterId, int limit) {
        Criteria c = Criteria.where("resource").is(resource);
        if (afterTime != null) {
            c = new Criteria().andOperator(c, Keyset.after("occurredAt", Date.from(afterTime), afterId, true));
        }
        Query q = Query.query(c).with(Sort.by("occurredAt", "_id")).limit(limit);
        return mongo.find(q, Document.class, COLLECTION).map(this::toEntry);
    }

    @SuppressWarnings("unchecked")
    private AuditEntry toEntry(Document d) {
        Map<String, Object> data = json.readValue(d.get("data", Document.class).toJson(), LinkedHashMap.class);
        return new AuditEntry(d.getString("_id"), d.getString("resource"), d.getString("action"), d.getString("actor"),
                d.getString("source"), d.getString("topic"), d.getDate("occurredAt").toInstant(),
                d.getDate("recordedAt").toInstant(), data);
    }
}
