package com.glowglitch.platform.it;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.bson.Document;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.messaging.Message;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.glowglitch.platform.events.EventConsumers;
import com.glowglitch.platform.events.EventFactory;
import com.glowglitch.platform.events.IncomingEvent;
import com.glowglitch.platform.events.OutboxEntry;
import com.glowglitch.platform.idempotency.IdempotentWrites;
import com.glowglitch.platform.outbox.Outbox;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;

/**
 * A miniature service used to prove the platform's mechanisms end to end with the real broker
 * and store: a "widget" aggregate that emits events through its outbox, and a consumer that
 * applies their effects idempotently.
 */
@SpringBootApplication
public class WidgetApp {

    public static final String TOPIC = "widget.events";

    /** Every delivery the consumer saw, duplicates included, in arrival order. */
    public static final List<IncomingEvent> DELIVERIES = new CopyOnWriteArrayList<>();
    public static final ConcurrentHashMap<String, Boolean> FAIL_TYPES = new ConcurrentHashMap<>();

    @Bean
    Consumer<Message<byte[]>> widgetEffects(EventConsumers consumers, IdempotentWrites idem, ReactiveMongoTemplate mongo) {
        return consumers.consumer(e -> {
            DELIVERIES.add(e);
            if (FAIL_TYPES.containsKey(e.type())) {
                return Mono.error(new IllegalStateException("simulated handler failure for " + e.type()));
            }
            Document effect = new Document("eventId", e.id()).append("type", e.type()).append("widget", e.subject());
            return idem.createOnce("effects", e.id(), effect)
                    .then(idem.applyOnce("counters", Query.query(Criteria.where("_id").is(e.subject())),
                            new Update().inc("seen", 1), e.id())
                            .flatMap(applied -> applied ? Mono.just(true)
                                    : mongo.upsert(Query.query(Criteria.where("_id").is(e.subject())),
                                            new Update().setOnInsert("seen", 0), "counters")
                                            .then(idem.applyOnce("counters", Query.query(Criteria.where("_id").is(e.subject())),
                                                    new Update().inc("seen", 1), e.id()))))
                    .then();
        });
    }

    public record NewWidget(@NotBlank @Size(max = 100) String name) {
    }

    public record WidgetCreated(String widgetId, String name) {
    }

    public record WidgetBumped(String widgetId, int seq) {
    }

    @RestController
    static class WidgetController {
        private final ReactiveMongoTemplate mongo;
        private final EventFactory events;
        private final Outbox outbox;

        WidgetController(ReactiveMongoTemplate mongo, EventFactory events, Outbox outbox) {
            this.mongo = mongo;
            this.events = events;
            this.outbox = outbox;
        }

        @PostMapping("/api/widgets")
        @ResponseStatus(HttpStatus.CREATED)
        @PreAuthorize("hasRole('admin')")
        Mono<Document> create(@Valid @RequestBody NewWidget body) {
            String id = UUID.randomUUID().toString();
            OutboxEntry e = events.create(TOPIC, "WidgetCreated", id, new WidgetCreated(id, body.name()));
            Document doc = new Document("_id", id).append("name", body.name()).append("seq", 0)
                    .append(Outbox.FIELD, Outbox.field(e));
            return outbox.afterWrite(mongo.insert(doc, "widgets")).map(d -> new Document("id", id));
        }

        @PostMapping("/api/widgets/{id}/bump")
        @PreAuthorize("hasRole('admin')")
        Mono<Document> bump(@PathVariable String id) {
            // read-modify-write guarded by the current seq: the state and its event change together
            return mongo.findById(id, Document.class, "widgets").flatMap(w -> {
                int seq = w.getInteger("seq") + 1;
                OutboxEntry e = events.create(TOPIC, "WidgetBumped", id, new WidgetBumped(id, seq));
                Update u = Outbox.push(new Update().set("seq", seq), e);
                return outbox.afterWrite(mongo.updateFirst(
                        Query.query(Criteria.where("_id").is(id).and("seq").is(seq - 1)), u, "widgets"))
                        .map(r -> new Document("id", id).append("seq", seq).append("modified", r.getModifiedCount()));
            });
        }
    }
}
