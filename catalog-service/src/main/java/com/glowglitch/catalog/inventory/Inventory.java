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
