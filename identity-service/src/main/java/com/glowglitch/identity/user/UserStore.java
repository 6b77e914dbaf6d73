package com.glowglitch.identity.user;

import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

/** The {@code users} collection (the identity issue grows the full model on it). */
@Component
public class UserStore {

    static final String COLLECTION = "users";

    private final ReactiveMongoTemplate mongo;
    private final Clock clock;

    public UserStore(ReactiveMongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    public static String normalizeEmail(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    public Mono<Document> findByEmail(String email) {
        return mongo.findOne(Query.query(Criteria.where("email").is(normalizeEmail(email))), Document.class, COLLECTION);
    }

    /** Creates the account unless the email exists; returns true when created. */
    public Mono<Boolean> createIfAbsent(String email, String passwordHash, List<String> roles) {
        Date now = Date.from(clock.instant());
        Update u = new Update()
                .setOnInsert("_id", UUID.randomUUID().toString())
                .setOnInsert("passwordHash", passwordHash)
                .setOnInsert("roles", roles)
                .setOnInsert("status", "active")
                .setOnInsert("createdAt", now)
                .setOnInsert("updatedAt", now)
                .setOnInsert("version", 1L);
        return mongo.upsert(Query.query(Criteria.where("email").is(normalizeEmail(email))), u, COLLECTION)
                .map(r -> r.getUpsertedId() != null);
    }

    public Mono<Void> recordLogin(String userId) {
        return mongo.updateFirst(Query.query(Criteria.where("_id").is(userId)),
                new Update().set("lastLoginAt", Date.from(clock.instant())), COLLECTION).then();
    }
}
