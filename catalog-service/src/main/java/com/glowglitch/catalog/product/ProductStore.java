package com.glowglitch.catalog.product;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import com.glowglitch.catalog.events.CatalogEvents;
import com.glowglitch.platform.events.EventFactory;
import com.glowglitch.platform.events.OutboxEntry;
import com.glowglitch.platform.mongo.MongoRetry;
import com.glowglitch.platform.outbox.Outbox;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The {@code products} collection. */
@Component
public class ProductStore {

    static final String COLLECTION = "products";
    private static final int SLUG_ATTEMPTS = 10;

    private final ReactiveMongoTemplate mongo;
    private final EventFactory events;
    private final Outbox outbox;

    public ProductStore(ReactiveMongoTemplate mongo, EventFactory events, Outbox outbox) {
        this.mongo = mongo;
        this.events = events;
        this.outbox = outbox;
    }

    /**
     * Inserts the product with its {@code ProductCreated} in the outbox — one document, one
     * write. A taken slug (unique index) is retried as slug-2, slug-3, ...
     */
    public Mono<Product> insert(Product product) {
        return insertWithSlug(product, product.slug(), 1);
    }

    private Mono<Product> insertWithSlug(Product base, String baseSlug, int attempt) {
        Product p = attempt == 1 ? base : base.withSlug(Slugs.alternative(baseSlug, attempt));
        OutboxEntry created = events.create(CatalogEvents.TOPIC, CatalogEvents.ProductCreated.TYPE, p.id(), p.created());
        Document doc = p.toDocument().append(Outbox.FIELD, Outbox.field(created));
        return outbox.afterWrite(mongo.insert(doc, COLLECTION).retryWhen(MongoRetry.transientErrors(3)))
                .thenReturn(p)
                .onErrorResume(DuplicateKeyException.class, e -> {
                    if (String.valueOf(e.getMessage()).contains("sku")) {
                        return Mono.error(com.glowglitch.platform.web.ApiException.conflict("sku-taken",
                                "a variant's sku is already used by another product"));
                    }
                    if (attempt >= SLUG_ATTEMPTS || !String.valueOf(e.getMessage()).contains("slug")) {
                        return Mono.error(e);
                    }
                    return insertWithSlug(base, baseSlug, attempt + 1);
                });
    }

    /** Seeding: creates the product (and its event) only if its deterministic id is new. */
    public Mono<Boolean> insertIfAbsent(Product p) {
        return mongo.exists(Query.query(Criteria.where("_id").is(p.id())), COLLECTION)
                .flatMap(exists -> exists ? Mono.just(false) : insert(p).thenReturn(true)
                        .onErrorResume(DuplicateKeyException.class, e -> Mono.just(false)));
    }

    public Mono<Product> findByIdOrSlug(String idOrSlug) {
        Query q = Query.query(new Criteria().orOperator(Criteria.where("_id").is(idOrSlug), Criteria.where("slug").is(idOrSlug)));
        return mongo.findOne(q, Document.class, COLLECTION).map(Product::fromDocument);
    }

    /** Newest first; the cursor is the last item's (createdAt, id). */
    public Flux<Product> page(Instant afterCreatedAt, String afterId, int limit) {
        Query q = new Query();
        if (afterCreatedAt != null) {
            Date t = Date.from(afterCreatedAt);
            q.addCriteria(new Criteria().orOperator(Criteria.where("createdAt").lt(t),
                    Criteria.where("createdAt").is(t).and("_id").lt(afterId)));
        }
        q.with(Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("_id"))).limit(limit);
        q.fields().exclude(Outbox.FIELD).exclude("holds");
        return mongo.find(q, Document.class, COLLECTION).map(Product::fromDocument);
    }

    public Mono<Long> count() {
        return mongo.count(new Query(), COLLECTION);
    }

}
