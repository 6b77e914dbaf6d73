package com.glowglitch.catalog.inventory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import com.glowglitch.catalog.events.CatalogEvents;
import com.glowglitch.platform.events.EventFactory;
import com.glowglitch.platform.outbox.Outbox;
import com.glowglitch.platform.web.ApiException;

import reactor.core.publisher.Mono;

/**
 * Stock held for carts. A hold lives in the product document beside the stock it takes from, so
 * taking stock, recording the hold and its event is one conditional single-document update
 * ({@code available >= quantity}): no transaction, no overselling under any concurrency, and no
 * stock lost if we crash between two writes — there is only one. Releasing (by the cart or on
 * expiry) is guarded by the hold still being there, so it happens exactly once.
 */
@Component
public class Inventory {

    static final String PRODUCTS = "products";

    public record Hold(String id, String productId, String sku, String cartId, int quantity, Instant expiresAt) {
    }

    private final ReactiveMongoTemplate mongo;
    private final EventFactory events;
    private final Outbox outbox;
    private final Clock clock;
    private final Duration holdFor;

    public Inventory(ReactiveMongoTemplate mongo, EventFactory events, Outbox outbox, Clock clock,
                     @Value("${glowglitch.catalog.reservation-ttl:15m}") Duration holdFor) {
        this.mongo = mongo;
        this.events = events;
        this.outbox = outbox;
        this.clock = clock;
        this.holdFor = holdFor;
    }

    public Mono<Hold> reserve(String cartId, String sku, int quantity) {
        Instant now = clock.instant();
        Hold hold = new Hold(UUID.randomUUID().toString(), null, sku, cartId, quantity, now.plus(holdFor));
        Query enough = Query.query(Criteria.where("variants").elemMatch(
                Criteria.where("sku").is(sku).and("stock.available").gte(quantity)).and("status").is("active"));
        return mongo.findOne(Query.query(Criteria.where("variants.sku").is(sku)).limit(1), Document.class, PRODUCTS)
                .switchIfEmpty(Mono.error(ApiException.notFound("sku " + sku)))
                .flatMap(product -> {
                    String productId = product.getString("_id");
                    Hold h = new Hold(hold.id(), productId, sku, cartId, quantity, hold.expiresAt());
                    Update take = new Update()
                            .inc("variants.$[v].stock.available", -quantity)
                            .inc("variants.$[v].stock.reserved", quantity)
                            .push("holds", toDocument(h))
                            .filterArray(Criteria.where("v.sku").is(sku));
                    Outbox.push(take, events.create(CatalogEvents.TOPIC, CatalogEvents.InventoryReserved.TYPE, productId,
                            new CatalogEvents.InventoryReserved(h.id(), productId, sku, cartId, quantity, h.expiresAt())));
                    return outbox.afterWrite(mongo.updateFirst(Query.of(enough).addCriteria(Criteria.where("_id").is(productId)),
                                    take, PRODUCTS))
                            .flatMap(r -> r.getModifiedCount() == 1 ? Mono.just(h) : Mono.error(outOfStock(product, sku, quantity)));
                });
    }

    /** Ends a hold and returns its stock; false when it was already gone (released or expired before). */
    public Mono<Boolean> release(String holdId, String reason) {
        return findHold(holdId).flatMap(h -> release(h, reason)).defaultIfEmpty(false);
    }

    private Mono<Boolean> release(Hold h, String reason) {
        Update give = new Update()
                .inc("variants.$[v].stock.available", h.quantity())
                .inc("variants.$[v].stock.reserved", -h.quantity())
                .pull("holds", new Document("id", h.id()))
                .filterArray(Criteria.where("v.sku").is(h.sku()));
        Outbox.push(give, events.create(CatalogEvents.TOPIC, CatalogEvents.InventoryReleased.TYPE, h.productId(),
                new CatalogEvents.InventoryReleased(h.id(), h.productId(), h.sku(), h.cartId(), h.quantity(), reason)));
        Query stillHeld = Query.query(Criteria.where("_id").is(h.productId()).and("holds.id").is(h.id()));
        return outbox.afterWrite(mongo.updateFirst(stillHeld, give, PRODUCTS)).map(r -> r.getModifiedCount() == 1);
    }

    /**
     * Changes how much a hold takes, in one conditional update: growing needs the extra units to be
     * available ({@code available >= delta}), shrinking always succeeds. The hold's expiry restarts
     * (changing a cart line is cart activity). 404 when the hold is gone, 422 out-of-stock otherwise.
     */
    public Mono<Hold> resize(String holdId, int quantity) {
        return findHold(holdId).switchIfEmpty(Mono.error(ApiException.notFound("reservation " + holdId))).flatMap(h -> {
            int delta = quantity - h.quantity();
            Instant until = clock.instant().plus(holdFor);
            Criteria variant = Criteria.where("sku").is(h.sku());
            if (delta > 0) {
                variant = variant.and("stock.available").gte(delta);
            }
            Query q = Query.query(Criteria.where("_id").is(h.productId()).and("variants").elemMatch(variant)
                    .and("holds").elemMatch(Criteria.where("id").is(holdId).and("quantity").is(h.quantity())));
            Update u = new Update()
                    .inc("variants.$[v].stock.available", -delta)
                    .inc("variants.$[v].stock.reserved", delta)
                    .set("holds.$[h].quantity", quantity)
                    .set("holds.$[h].expiresAt", Date.from(until))
                    .filterArray(Criteria.where("v.sku").is(h.sku()))
                    .filterArray(Criteria.where("h.id").is(holdId));
            return mongo.updateFirst(q, u, PRODUCTS).flatMap(r -> {
                if (r.getModifiedCount() == 1) {
                    return Mono.just(new Hold(h.id(), h.productId(), h.sku(), h.cartId(), quantity, until));
                }
                // lost a race with another change of the same hold, or not enough stock: tell which
                return findHold(holdId).switchIfEmpty(Mono.error(ApiException.notFound("reservation " + holdId)))
                        .flatMap(now -> now.quantity() != h.quantity() ? resize(holdId, quantity)
                                : mongo.findById(h.productId(), Document.class, PRODUCTS)
                                        .flatMap(p -> Mono.<Hold>error(outOfStock(p, h.sku(), delta))));
            });
        });
    }

    /**
     * Hands a hold to another cart (a guest's cart merged into the signed-in shopper's), optionally
     * folding it into that cart's hold of the same SKU. Stock does not move: both holds live in the
     * same product document, so the fold is one update and no other shopper can take the units in
     * between. Idempotent: transferring a hold that is already gone answers 404 and changes nothing.
     */
    public Mono<Hold> transfer(String holdId, String toCartId, String intoHoldId) {
        return findHold(holdId).switchIfEmpty(Mono.error(ApiException.notFound("reservation " + holdId))).flatMap(h -> {
            if (intoHoldId == null) {
                Query q = Query.query(Criteria.where("holds.id").is(holdId));
                return mongo.findAndModify(q, new Update().set("holds.$.cartId", toCartId),
                                FindAndModifyOptions.options().returnNew(true), Document.class, PRODUCTS)
                        .flatMap(d -> Mono.justOrEmpty(holdsOf(d).stream().filter(x -> x.id().equals(holdId)).findFirst()))
                        .switchIfEmpty(Mono.error(ApiException.notFound("reservation " + holdId)));
            }
            return fold(h, toCartId, intoHoldId, 3);
        });
    }

    /**
     * Removes hold {@code from} and adds its units to hold {@code intoHoldId} by replacing the holds
     * array only if it is still exactly what we read (compare-and-set): MongoDB refuses a
     * {@code $pull} and a {@code $set} on the same array in one update.
     */
    @SuppressWarnings("unchecked")
    private Mono<Hold> fold(Hold from, String toCartId, String intoHoldId, int attempts) {
        return mongo.findById(from.productId(), Document.class, PRODUCTS).flatMap(product -> {
            List<Document> before = (List<Document>) product.get("holds", List.class);
            Document into = before.stream().filter(d -> intoHoldId.equals(d.getString("id"))).findFirst().orElse(null);
            Document source = before.stream().filter(d -> from.id().equals(d.getString("id"))).findFirst().orElse(null);
            if (into == null || source == null) {
                return Mono.error(ApiException.notFound("reservation " + (into == null ? intoHoldId : from.id())));
            }
            if (!from.sku().equals(into.getString("sku"))) {
                return Mono.error(ApiException.unprocessable("different-sku", "holds of different SKUs cannot be merged"));
            }
            int sum = ((Number) into.get("quantity")).intValue() + ((Number) source.get("quantity")).intValue();
            Instant until = clock.instant().plus(holdFor);
            List<Document> after = new java.util.ArrayList<>();
            for (Document d : before) {
                if (d == source) {
                    continue;
                }
                after.add(d != into ? d : new Document(d).append("quantity", sum).append("cartId", toCartId)
                        .append("expiresAt", Date.from(until)));
            }
            Query unchanged = Query.query(Criteria.where("_id").is(from.productId()).and("holds").is(before));
            return mongo.updateFirst(unchanged, new Update().set("holds", after), PRODUCTS).flatMap(r -> {
                if (r.getModifiedCount() == 1) {
                    return Mono.just(new Hold(intoHoldId, from.productId(), from.sku(), toCartId, sum, until));
                }
                return attempts > 1 ? fold(from, toCartId, intoHoldId, attempts - 1)
                        : Mono.error(ApiException.conflict("reservation-changed", "the holds changed meanwhile; try again"));
            });
        });
    }

    /** Cart activity: the hold lasts another full period from now. */
    public Mono<Hold> refresh(String holdId) {
        Instant until = clock.instant().plus(holdFor);
        Query q = Query.query(Criteria.where("holds.id").is(holdId));
        return mongo.findAndModify(q, new Update().set("holds.$.expiresAt", Date.from(until)),
                        FindAndModifyOptions.options().returnNew(true), Document.class, PRODUCTS)
                .flatMap(d -> Mono.justOrEmpty(holdsOf(d).stream().filter(h -> h.id().equals(holdId)).findFirst()))
                .switchIfEmpty(Mono.error(ApiException.notFound("reservation " + holdId)));
    }

    public Mono<Hold> findHold(String holdId) {
        return mongo.findOne(Query.query(Criteria.where("holds.id").is(holdId)), Document.class, PRODUCTS)
                .flatMap(d -> Mono.justOrEmpty(holdsOf(d).stream().filter(h -> h.id().equals(holdId)).findFirst()));
    }

    /** Releases every hold past its time, once each, with reason {@code expired}; returns how many. */
    public Mono<Long> expire() {
        Date now = Date.from(clock.instant());
        Query lapsed = Query.query(Criteria.where("holds").elemMatch(Criteria.where("expiresAt").lt(now)));
        lapsed.fields().include("holds");
        return mongo.find(lapsed, Document.class, PRODUCTS)
                .flatMapIterable(Inventory::holdsOf)
                .filter(h -> h.expiresAt().isBefore(now.toInstant()))
                .concatMap(h -> release(h, "expired"))
                .filter(Boolean::booleanValue)
                .count();
    }

    @SuppressWarnings("unchecked")
    static List<Hold> holdsOf(Document product) {
        List<Document> raw = (List<Document>) product.get("holds", List.class);
        if (raw == null) {
            return List.of();
        }
        return raw.stream().map(d -> new Hold(d.getString("id"), product.getString("_id"), d.getString("sku"),
                d.getString("cartId"), ((Number) d.get("quantity")).intValue(), d.getDate("expiresAt").toInstant())).toList();
    }

    private static Document toDocument(Hold h) {
        return new Document("id", h.id()).append("sku", h.sku()).append("cartId", h.cartId())
                .append("quantity", h.quantity()).append("expiresAt", Date.from(h.expiresAt()));
    }

    @SuppressWarnings("unchecked")
    private static ApiException outOfStock(Document product, String sku, int wanted) {
        long available = ((List<Document>) product.get("variants", List.class)).stream()
                .filter(v -> sku.equals(v.getString("sku"))).findFirst()
                .map(v -> ((Number) v.get("stock", Document.class).get("available")).longValue()).orElse(0L);
        if (!"active".equals(product.getString("status"))) {
            return ApiException.unprocessable("not-for-sale", "this product is not for sale");
        }
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "out-of-stock", "Out of stock",
                "only " + Math.max(0, available) + " of " + sku + " can be reserved now, not " + wanted,
                Map.of("sku", sku, "requested", wanted));
    }

}
