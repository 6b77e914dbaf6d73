package com.glowglitch.cart.wishlist;

import java.time.Clock;
import java.util.List;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import com.glowglitch.platform.web.ApiException;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The {@code wishlists} collection; every change is guarded by the list's version. */
@Component
public class WishlistStore {

    static final String WISHLISTS = "wishlists";

    private final ReactiveMongoTemplate mongo;
    private final Clock clock;

    public WishlistStore(ReactiveMongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    public Mono<Wishlist> insert(Wishlist w) {
        return mongo.insert(w, WISHLISTS);
    }

    public Mono<Wishlist> byId(String id) {
        return mongo.findById(id, Wishlist.class, WISHLISTS);
    }

    public Mono<Wishlist> byShareToken(String token) {
        return mongo.findOne(Query.query(Criteria.where("shareToken").is(token)), Wishlist.class, WISHLISTS);
    }

    public Flux<Wishlist> ownedBy(String owner) {
        return mongo.find(Query.query(Criteria.where("owner").is(owner)).with(Sort.by("createdAt", "_id")), Wishlist.class, WISHLISTS);
    }

    public Mono<Long> countOwnedBy(String owner) {
        return mongo.count(Query.query(Criteria.where("owner").is(owner)), WISHLISTS);
    }

    public Flux<Wishlist> withProduct(String productId) {
        return mongo.find(Query.query(Criteria.where("items.productId").is(productId)), Wishlist.class, WISHLISTS);
    }

    /** Writes {@code items} (and {@code extra}) if the list is still at the version read; 409 otherwise. */
    public Mono<Wishlist> write(Wishlist w, List<Wishlist.Item> items, Update extra) {
        Update u = extra.set("items", items).set("updatedAt", clock.instant()).inc("version", 1);
        Query q = Query.query(Criteria.where("_id").is(w.id()).and("version").is(w.version()));
        return mongo.findAndModify(q, u, FindAndModifyOptions.options().returnNew(true), Wishlist.class, WISHLISTS)
                .switchIfEmpty(Mono.error(() -> ApiException.conflict("wishlist-changed",
                        "the list changed at the same time; reload it and try again")));
    }

    public Mono<Boolean> delete(Wishlist w) {
        return mongo.remove(Query.query(Criteria.where("_id").is(w.id())), WISHLISTS).map(r -> r.getDeletedCount() == 1);
    }

    public Mono<Long> deleteOwnedBy(String owner) {
        return mongo.remove(Query.query(Criteria.where("owner").is(owner)), WISHLISTS).map(r -> r.getDeletedCount());
    }
}
