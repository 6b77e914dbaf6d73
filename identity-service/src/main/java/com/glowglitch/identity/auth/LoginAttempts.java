package com.glowglitch.identity.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

/**
 * Failed logins counted per email address — whether or not an account has that email — so the
 * lockout answer is the same for both and reveals nothing. After {@code max-failures}
 * consecutive failures the address is locked for {@code lock-duration}.
 */
@Component
public class LoginAttempts {

    static final String COLLECTION = "login_attempts";

    public record State(int failures, Instant lockedUntil) {
        public boolean lockedAt(Instant now) {
            return lockedUntil != null && lockedUntil.isAfter(now);
        }
    }

    private final ReactiveMongoTemplate mongo;
    private final Clock clock;
    private final int maxFailures;
    private final Duration lockDuration;

    public LoginAttempts(ReactiveMongoTemplate mongo, Clock clock,
                         @Value("${glowglitch.identity.lockout.max-failures:5}") int maxFailures,
                         @Value("${glowglitch.identity.lockout.duration:15m}") Duration lockDuration) {
        this.mongo = mongo;
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.lockDuration = lockDuration;
    }

    public Mono<State> state(String email) {
        return mongo.findById(key(email), Document.class, COLLECTION).map(LoginAttempts::toState)
                .defaultIfEmpty(new State(0, null));
    }

    /** Counts one failure; locks when the count reaches the maximum. Returns the new state. */
    public Mono<State> fail(String email) {
        Instant now = clock.instant();
        Query q = Query.query(Criteria.where("_id").is(key(email)));
        return mongo.findAndModify(q, new Update().inc("failures", 1).set("lastFailureAt", Date.from(now)),
                        FindAndModifyOptions.options().upsert(true).returnNew(true), Document.class, COLLECTION)
                .flatMap(d -> {
                    int failures = d.getInteger("failures", 0);
                    if (failures >= maxFailures && !toState(d).lockedAt(now)) {
                        Instant until = now.plus(lockDuration);
                        return mongo.updateFirst(q, new Update().set("lockedUntil", Date.from(until)).set("failures", 0),
                                COLLECTION).thenReturn(new State(failures, until));
                    }
                    return Mono.just(toState(d));
                });
    }

    public Mono<Void> reset(String email) {
        return mongo.remove(Query.query(Criteria.where("_id").is(key(email))), COLLECTION).then();
    }

    public Duration lockDuration() {
        return lockDuration;
    }

    /** Stored by hash: this collection should not become a list of addresses people typed. */
    private static String key(String email) {
        return Tokens.hash("login:" + email);
    }

    private static State toState(Document d) {
        Date until = d.getDate("lockedUntil");
        return new State(d.getInteger("failures", 0), until == null ? null : until.toInstant());
    }
}
