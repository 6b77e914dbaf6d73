package com.glowglitch.cart.discount;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import com.glowglitch.platform.idempotency.IdempotentWrites;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

/**
 * Discount codes and their redemptions. A redemption is counted when its order is paid, by one
 * conditional update on the code ({@code remaining > 0}, the shopper under their limit, this order
 * not counted before), so limits hold however many orders are paid at once; it is given back when a
 * paid order is cancelled. Each order's outcome is kept in {@code discount_redemptions} (id = order id).
 */
@Component
public class Discounts {

    static final String CODES = "discount_codes";
    static final String REDEMPTIONS = "discount_redemptions";
    private static final Logger log = LoggerFactory.getLogger(Discounts.class);

    public enum Outcome { COUNTED, OVER_LIMIT, DUPLICATE, NO_CODE }

    private final ReactiveMongoTemplate mongo;
    private final IdempotentWrites idempotent;
    private final Clock clock;
    private final Counter overLimit;

    public Discounts(ReactiveMongoTemplate mongo, IdempotentWrites idempotent, Clock clock, MeterRegistry meters) {
        this.mongo = mongo;
        this.idempotent = idempotent;
        this.clock = clock;
        this.overLimit = Counter.builder("discounts.over.limit")
                .description("paid orders whose discount could not be counted because the code's limit was reached")
                .register(meters);
    }

    public Mono<DiscountCode> find(String code) {
        return code == null ? Mono.empty() : mongo.findById(normalize(code), DiscountCode.class, CODES);
    }

    /** The code a shopper may apply now, or a 422 with the reason. */
    public Mono<DiscountCode> usable(String code, String shopperId) {
        return find(code).switchIfEmpty(Mono.error(() -> DiscountCode.reason("discount-unknown", "there is no such code")))
                .doOnNext(c -> c.requireUsableBy(shopperKey(shopperId), clock.instant()));
    }

    /** OrderPaid: count the order's redemption once, within the code's limits. */
    public Mono<Outcome> redeem(String orderId, String code, String userId, String cartId) {
        if (code == null) {
            return Mono.just(Outcome.NO_CODE);
        }
        String shopper = shopperKey(userId != null ? userId : "cart:" + cartId);
        return mongo.exists(Query.query(Criteria.where("_id").is(orderId)), REDEMPTIONS).flatMap(done -> {
            if (done) {
                return Mono.just(Outcome.DUPLICATE);
            }
            return find(code).flatMap(c -> {
                Criteria within = new Criteria();
                if (c.usageLimit() != null) {
                    within = Criteria.where("remaining").gt(0);
                }
                if (c.perUserLimit() != null) {
                    within = within.orOperator(Criteria.where("perUser." + shopper).exists(false),
                            Criteria.where("perUser." + shopper).lt(c.perUserLimit()));
                }
                Update take = new Update().inc("uses", 1).inc("perUser." + shopper, 1);
                if (c.usageLimit() != null) {
                    take.inc("remaining", -1);
                }
                Query target = Query.query(Criteria.where("_id").is(c.code())).addCriteria(within);
                return idempotent.applyOnce(CODES, target, take, "redeem:" + orderId)
                        .flatMap(applied -> applied ? Mono.just(Outcome.COUNTED) : alreadyCounted(c.code(), orderId)
                                .map(already -> already ? Outcome.COUNTED : Outcome.OVER_LIMIT))
                        .flatMap(outcome -> record(orderId, c.code(), shopper, outcome));
            }).defaultIfEmpty(Outcome.NO_CODE);
        });
    }

    /** OrderCancelled: a counted redemption is given back (once). */
    public Mono<Void> release(String orderId) {
        return mongo.findById(orderId, Document.class, REDEMPTIONS)
                .filter(r -> Outcome.COUNTED.name().equals(r.getString("status")))
                .flatMap(r -> find(r.getString("code")).flatMap(c -> {
                    Update give = new Update().inc("uses", -1).inc("perUser." + r.getString("shopper"), -1);
                    if (c.usageLimit() != null) {
                        give.inc("remaining", 1);
                    }
                    return idempotent.applyOnce(CODES, Query.query(Criteria.where("_id").is(c.code())), give, "release:" + orderId);
                }).then(mongo.updateFirst(Query.query(Criteria.where("_id").is(orderId).and("status").is(Outcome.COUNTED.name())),
                        new Update().set("status", "RELEASED").set("releasedAt", clock.instant()), REDEMPTIONS)))
                .then();
    }

    public Mono<Long> redemptionsCounted(String code) {
        return mongo.count(Query.query(Criteria.where("code").is(normalize(code)).and("status").is(Outcome.COUNTED.name())), REDEMPTIONS);
    }

    @SuppressWarnings("unchecked")
    private Mono<Boolean> alreadyCounted(String code, String orderId) {
        return mongo.findById(code, Document.class, CODES)
                .map(d -> {
                    List<String> seen = (List<String>) d.get(IdempotentWrites.PROCESSED, List.class);
                    return seen != null && seen.contains("redeem:" + orderId);
                })
                .defaultIfEmpty(false);
    }

    private Mono<Outcome> record(String orderId, String code, String shopper, Outcome outcome) {
        if (outcome == Outcome.OVER_LIMIT) {
            overLimit.increment();
            log.warn("order {} was paid with code {} after its limit was reached; not counted", orderId, code);
        }
        return mongo.insert(new Document("_id", orderId).append("code", code).append("shopper", shopper)
                        .append("status", outcome.name()).append("at", java.util.Date.from(clock.instant())), REDEMPTIONS)
                .thenReturn(outcome)
                .onErrorResume(DuplicateKeyException.class, e -> Mono.just(Outcome.DUPLICATE));
    }

    public static String normalize(String code) {
        return code.trim().toUpperCase(java.util.Locale.ROOT);
    }

    /** A shopper's id as a discount code stores it: hashed, so no personal id is a field name. */
    static String shopperKey(String id) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
