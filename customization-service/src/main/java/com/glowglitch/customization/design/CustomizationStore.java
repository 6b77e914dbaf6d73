package com.glowglitch.customization.design;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The {@code customizations} collection. A new version is written only over the version it was made from. */
@Component
public class CustomizationStore {

    public static final String COLLECTION = "customizations";

    private final ReactiveMongoTemplate mongo;

    public CustomizationStore(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Mono<Void> insert(org.bson.Document doc) {
        return mongo.getCollection(COLLECTION).flatMap(c -> Mono.from(c.insertOne(doc))).then();
    }

    /** A live design (not deleted). */
    public Mono<Customization> byId(String id) {
        return mongo.findOne(Query.query(Criteria.where("_id").is(id).and("deletedAt").exists(false)), Customization.class, COLLECTION);
    }

    /** The owner's designs, newest first, optionally of one product. */
    public Flux<Customization> ownedBy(String owner, String productId, int limit) {
        Criteria c = Criteria.where("owner").is(owner).and("deletedAt").exists(false);
        if (productId != null) {
            c = c.and("productId").is(productId);
        }
        return mongo.find(Query.query(c).with(Sort.by(Sort.Direction.DESC, "updatedAt")).limit(limit), Customization.class, COLLECTION);
    }

    public Mono<Long> countOwnedBy(String owner) {
        return mongo.count(Query.query(Criteria.where("owner").is(owner).and("deletedAt").exists(false)), COLLECTION);
    }

    /** Applies {@code u} if the design is still at version {@code expected}; empty when it moved on (or is gone). */
    public Mono<Customization> writeOver(String id, int expected, Update u) {
        return mongo.findAndModify(Query.query(Criteria.where("_id").is(id).and("current").is(expected)), u,
                FindAndModifyOptions.options().returnNew(true), Customization.class, COLLECTION);
    }

    /**
     * Removes tombstones (deleted designs, their content already gone) once their outbox is empty:
     * the deletion event has been published, so nothing is lost by forgetting the id.
     */
    public Mono<Long> purgeTombstones(java.time.Instant before) {
        return mongo.remove(Query.query(Criteria.where("deletedAt").lt(before).orOperator(
                Criteria.where("outbox").exists(false), Criteria.where("outbox").size(0))), COLLECTION)
                .map(r -> r.getDeletedCount());
    }

    /** Gives a guest's designs to the account that signed in (idempotent: a second call finds none). */
    public Mono<Long> reassign(String guestOwner, String owner) {
        return mongo.updateMulti(Query.query(Criteria.where("owner").is(guestOwner)),
                new Update().set("owner", owner).set("guest", false), COLLECTION).map(r -> r.getModifiedCount());
    }

    public Mono<Long> deleteOwnedBy(String owner) {
        return mongo.remove(Query.query(Criteria.where("owner").is(owner)), COLLECTION).map(r -> r.getDeletedCount());
    }

    public Mono<Long> markArchived(String productId) {
        return mongo.updateMulti(Query.query(Criteria.where("productId").is(productId).and("productArchived").ne(true)
                        .and("deletedAt").exists(false)),
                new Update().set("productArchived", true), COLLECTION).map(r -> r.getModifiedCount());
    }
}
