package com.glowglitch.identity.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import com.glowglitch.platform.web.ApiException;

import reactor.core.publisher.Mono;

/**
 * Login sessions and their rotating refresh tokens. A refresh token is {@code <sessionId>.<secret>};
 * only the secret's hash is stored. Each use swaps it for a new one (a conditional update on the
 * current hash, so two concurrent uses cannot both win). Presenting a token that was already
 * rotated away means it leaked: the whole session (the token family) is revoked.
 */
@Component
public class Sessions {

    static final String COLLECTION = "sessions";

    public record Issued(String sessionId, String refreshToken, Instant expiresAt) {
    }

    public record Refreshed(String sessionId, String userId, String refreshToken, Instant expiresAt) {
    }

    private final ReactiveMongoTemplate mongo;
    private final Clock clock;
    private final Duration lifetime;

    public Sessions(ReactiveMongoTemplate mongo, Clock clock,
                    @Value("${glowglitch.identity.refresh-token-ttl:30d}") Duration lifetime) {
        this.mongo = mongo;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    public Mono<Issued> open(String userId) {
        String sid = UUID.randomUUID().toString();
        String secret = Tokens.random();
        Instant now = clock.instant();
        Instant expires = now.plus(lifetime);
        Document d = new Document("_id", sid).append("userId", userId).append("refreshHash", Tokens.hash(secret))
                .append("usedHashes", java.util.List.of()).append("revoked", false)
                .append("createdAt", Date.from(now)).append("lastUsedAt", Date.from(now)).append("expiresAt", Date.from(expires));
        return mongo.insert(d, COLLECTION).thenReturn(new Issued(sid, sid + "." + secret, expires));
    }

    public Mono<Refreshed> rotate(String refreshToken) {
        String[] parts = refreshToken == null ? new String[0] : refreshToken.split("\\.", 2);
        if (parts.length != 2) {
            return Mono.error(invalid());
        }
        String sid = parts[0];
        String presented = Tokens.hash(parts[1]);
        String next = Tokens.random();
        Instant now = clock.instant();
        Query current = Query.query(Criteria.where("_id").is(sid).and("refreshHash").is(presented)
                .and("revoked").is(false).and("expiresAt").gt(Date.from(now)));
        Update swap = new Update().set("refreshHash", Tokens.hash(next)).set("lastUsedAt", Date.from(now))
                .push("usedHashes").slice(-50).each(presented);
        return mongo.findAndModify(current, swap, Document.class, COLLECTION)
                .map(d -> new Refreshed(sid, d.getString("userId"), sid + "." + next, d.getDate("expiresAt").toInstant()))
                .switchIfEmpty(Mono.defer(() -> reuseOrInvalid(sid, presented)));
    }

    private Mono<Refreshed> reuseOrInvalid(String sid, String presented) {
        Query reused = Query.query(Criteria.where("_id").is(sid).and("usedHashes").is(presented));
        return mongo.updateFirst(reused, new Update().set("revoked", true).set("revokedReason", "refresh-token-reuse"), COLLECTION)
                .flatMap(r -> Mono.error(r.getModifiedCount() > 0 || r.getMatchedCount() > 0
                        ? new ApiException(HttpStatus.UNAUTHORIZED, "refresh-token-reused", "Unauthorized",
                        "This refresh token was already used; the session has been ended for safety. Please log in again.")
                        : invalid()));
    }

    public Mono<Boolean> isActive(String sid) {
        return mongo.exists(Query.query(Criteria.where("_id").is(sid).and("revoked").is(false)
                .and("expiresAt").gt(Date.from(clock.instant()))), COLLECTION);
    }

    public Mono<Void> revoke(String sid, String reason) {
        return mongo.updateFirst(Query.query(Criteria.where("_id").is(sid)),
                new Update().set("revoked", true).set("revokedReason", reason), COLLECTION).then();
    }

    public Mono<Void> revokeAll(String userId, String reason) {
        return mongo.updateMulti(Query.query(Criteria.where("userId").is(userId).and("revoked").is(false)),
                new Update().set("revoked", true).set("revokedReason", reason), COLLECTION).then();
    }

    private static ApiException invalid() {
        return new ApiException(HttpStatus.UNAUTHORIZED, "invalid-refresh-token", "Unauthorized",
                "The refresh token is not valid; please log in again");
    }
}
