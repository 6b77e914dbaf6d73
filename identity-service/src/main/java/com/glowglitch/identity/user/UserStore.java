package com.glowglitch.identity.user;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import com.glowglitch.identity.events.IdentityEvents;
import com.glowglitch.platform.events.EventFactory;
import com.glowglitch.platform.events.OutboxEntry;
import com.glowglitch.platform.mongo.Keyset;
import com.glowglitch.platform.outbox.Outbox;
import com.glowglitch.platform.web.ApiException;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@code users} collection. Every change that others must hear about is one
 * {@code findAndModify} carrying both the new state and its event ({@code $push} to the outbox),
 * guarded by the current state where a race matters.
 */
@Component
public class UserStore {

    public static final String COLLECTION = "users";

    private final ReactiveMongoTemplate mongo;
    private final EventFactory events;
    private final Outbox outbox;
    private final Clock clock;

    public UserStore(ReactiveMongoTemplate mongo, EventFactory events, Outbox outbox, Clock clock) {
        this.mongo = mongo;
        this.events = events;
        this.outbox = outbox;
        this.clock = clock;
    }

    public static String normalizeEmail(String email) {
        return Emails.normalize(email);
    }

    public Instant now() {
        return clock.instant();
    }

    public OutboxEntry event(String type, String userId, Object data) {
        return events.create(IdentityEvents.TOPIC, type, userId, data);
    }

    public Mono<Document> findByEmail(String email) {
        return mongo.findOne(Query.query(Criteria.where("email").is(normalizeEmail(email))), Document.class, COLLECTION);
    }

    public Mono<Document> findById(String id) {
        return mongo.findById(id, Document.class, COLLECTION);
    }

    /** Inserts a new account with its UserRegistered; a taken email is a 409. */
    public Mono<Document> insert(Document user, OutboxEntry... entries) {
        user.append(Outbox.FIELD, Outbox.field(entries));
        return outbox.afterWrite(mongo.insert(user, COLLECTION))
                .onErrorMap(DuplicateKeyException.class,
                        e -> ApiException.conflict("email-taken", "an account with this email already exists"));
    }

    /** Creates the account unless the email exists (seeding); returns true when created. */
    public Mono<Boolean> createIfAbsent(String email, String passwordHash, List<String> roles) {
        Instant now = now();
        String id = UUID.randomUUID().toString();
        Update u = new Update()
                .setOnInsert("_id", id)
                .setOnInsert("passwordHash", passwordHash)
                .setOnInsert("roles", roles)
                .setOnInsert("status", "active")
                .setOnInsert("emailVerified", true)
                .setOnInsert("termsVersion", "seed")
                .setOnInsert("createdAt", Date.from(now))
                .setOnInsert("updatedAt", Date.from(now))
                .setOnInsert("version", 1L)
                .setOnInsert(Outbox.FIELD, Outbox.field(event("UserRegistered", id,
                        new IdentityEvents.UserRegistered(id, roles, "seed", now))));
        return outbox.afterWrite(mongo.upsert(Query.query(Criteria.where("email").is(normalizeEmail(email))), u, COLLECTION))
                .map(r -> r.getUpsertedId() != null);
    }

    /**
     * Applies {@code update} (plus updatedAt, version and the events) to the user matched by
     * {@code query}; returns the new document, or empty when nothing matched the guard.
     */
    public Mono<Document> change(Query query, Update update, OutboxEntry... entries) {
        update.set("updatedAt", Date.from(now())).inc("version", 1);
        if (entries.length > 0) {
            Outbox.push(update, entries);
        }
        Mono<Document> write = mongo.findAndModify(query, update, FindAndModifyOptions.options().returnNew(true),
                Document.class, COLLECTION);
        return entries.length > 0 ? outbox.afterWrite(write) : write;
    }

    public static Query byId(String id) {
        return Query.query(Criteria.where("_id").is(id));
    }

    /** Admin search: email prefix (escaped, case-insensitive as emails are stored lower-case), newest first. */
    public Flux<Document> search(String emailPrefix, Instant afterCreatedAt, String afterId, int limit) {
        Query q = new Query();
        if (emailPrefix != null && !emailPrefix.isBlank()) {
            q.addCriteria(Criteria.where("email").regex("^" + Pattern.quote(normalizeEmail(emailPrefix))));
        }
        if (afterCreatedAt != null) {
            q.addCriteria(Keyset.after("createdAt", Date.from(afterCreatedAt), afterId, false));
        }
        q.with(Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("_id"))).limit(limit);
        return mongo.find(q, Document.class, COLLECTION);
    }

    public Mono<Void> recordLogin(String userId) {
        return mongo.updateFirst(byId(userId), new Update().set("lastLoginAt", Date.from(now())), COLLECTION).then();
    }
}
