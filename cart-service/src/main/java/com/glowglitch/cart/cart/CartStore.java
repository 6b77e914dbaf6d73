package com.glowglitch.cart.cart;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import com.glowglitch.platform.web.ApiException;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The {@code carts} collection: one active cart per owner, every change guarded by the cart's version. */
@Component
public class CartStore {

    public static final String CARTS = "carts";

    private final ReactiveMongoTemplate mongo;
    private final Clock clock;

    public CartStore(ReactiveMongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    public Mono<Cart> active(String owner) {
        return mongo.findOne(Query.query(Criteria.where("activeOwner").is(owner)), Cart.class, CARTS);
    }

    public Mono<Cart> byId(String id) {
        return mongo.findById(id, Cart.class, CARTS);
    }

    /** The owner's active cart, created on first use; two racing first requests get the same cart. */
    public Mono<Cart> openFor(String owner, boolean guest) {
        return active(owner).switchIfEmpty(Mono.defer(() -> mongo.insert(
                        Cart.open(UUID.randomUUID().toString(), owner, guest, clock.instant()), CARTS)
                .onErrorResume(DuplicateKeyException.class, e -> active(owner))));
    }

    /** The last cart a guest token filled and merged into a signed-in shopper's cart, if any. */
    public Mono<Cart> mergedGuestCart(String guestOwner) {
        return mongo.findOne(Query.query(Criteria.where("owner").is(guestOwner).and("status").is(CartStatus.MERGED.name())),
                Cart.class, CARTS);
    }

    /**
     * Replaces the lines of {@code cart} if nobody changed it since it was read (409 otherwise),
     * as shopper activity: the abandonment clock restarts.
     */
    public Mono<Cart> write(Cart cart, List<CartLine> lines) {
        return write(cart, lines, new Update(), true);
    }

    public Mono<Cart> write(Cart cart, List<CartLine> lines, Update extra, boolean activity) {
        Update u = extra.set("lines", lines).set("updatedAt", clock.instant()).inc("version", 1);
        if (!lines.isEmpty()) {
            u.set("currency", lines.get(0).unitPrice().currency());
        }
        if (activity) {
            // a new idle spell starts: the cart may be reported abandoned again after it
            u.set("lastActivityAt", clock.instant()).set("abandoned", false);
        }
        Query q = Query.query(Criteria.where("_id").is(cart.id()).and("version").is(cart.version()));
        return mongo.findAndModify(q, u, FindAndModifyOptions.options().returnNew(true), Cart.class, CARTS)
                .switchIfEmpty(Mono.error(() -> ApiException.conflict("cart-changed",
                        "your cart changed at the same time (another tab?); reload it and try again")));
    }

    /** Ends a cart's active life (merged, converted, expired): it no longer answers for its owner. */
    public Mono<Cart> close(Cart cart, CartStatus status, Update extra) {
        Query q = Query.query(Criteria.where("_id").is(cart.id()).and("version").is(cart.version())
                .and("status").is(CartStatus.ACTIVE.name()));
        Update u = extra.set("status", status.name()).unset("activeOwner").set("updatedAt", clock.instant()).inc("version", 1);
        return mongo.findAndModify(q, u, FindAndModifyOptions.options().returnNew(true), Cart.class, CARTS)
                .switchIfEmpty(Mono.error(() -> ApiException.conflict("cart-changed", "the cart changed meanwhile; try again")));
    }

    /** Applies {@code u} to the cart if it still matches {@code guard}; empty when it did not (a duplicate, a race). */
    public Mono<Cart> updateIf(String cartId, Criteria guard, Update u) {
        Query q = Query.query(Criteria.where("_id").is(cartId)).addCriteria(guard);
        return mongo.findAndModify(q, u.inc("version", 1), FindAndModifyOptions.options().returnNew(true), Cart.class, CARTS);
    }

    public Mono<Cart> latestRestorable(String owner) {
        Query q = Query.query(Criteria.where("owner").is(owner).and("status").is(CartStatus.CONVERTED.name())
                .and("restorable").is(true)).with(org.springframework.data.domain.Sort.by(
                org.springframework.data.domain.Sort.Direction.DESC, "updatedAt")).limit(1);
        return mongo.findOne(q, Cart.class, CARTS);
    }

    public Mono<Boolean> removeIfEmpty(Cart cart) {
        return mongo.remove(Query.query(Criteria.where("_id").is(cart.id()).and("version").is(cart.version())
                .and("lines.0").exists(false)), CARTS).map(r -> r.getDeletedCount() == 1);
    }

    /** Active carts with items whose last activity is older than {@code cutoff} and not yet reported. */
    public Flux<Cart> idleSince(java.time.Instant cutoff) {
        return mongo.find(Query.query(idle(cutoff)), Cart.class, CARTS);
    }

    public static Criteria idle(java.time.Instant cutoff) {
        return Criteria.where("status").is(CartStatus.ACTIVE.name()).and("lines.0").exists(true)
                .and("lastActivityAt").lt(cutoff).and("abandoned").ne(true);
    }

    public Flux<Cart> guestCartsIdleSince(java.time.Instant cutoff) {
        return mongo.find(Query.query(Criteria.where("status").is(CartStatus.ACTIVE.name()).and("guest").is(true)
                .and("lastActivityAt").lt(cutoff)), Cart.class, CARTS);
    }

    public Flux<Cart> activeWithProduct(String productId) {
        return mongo.find(Query.query(Criteria.where("status").is(CartStatus.ACTIVE.name()).and("lines.productId").is(productId)),
                Cart.class, CARTS);
    }

    public Mono<Cart> withReservation(String reservationId) {
        return mongo.findOne(Query.query(Criteria.where("lines.reservationId").is(reservationId)), Cart.class, CARTS);
    }

    public Mono<Long> deleteOwnedBy(String owner) {
        return mongo.remove(Query.query(Criteria.where("owner").is(owner)), CARTS).map(r -> r.getDeletedCount());
    }
}
