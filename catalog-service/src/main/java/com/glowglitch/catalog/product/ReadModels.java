package com.glowglitch.catalog.product;

import java.time.Instant;
import java.util.Date;
import java.util.Map;

import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import com.glowglitch.platform.idempotency.IdempotentWrites;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What the catalog keeps of other contexts to sort and show products: the rating summary
 * (from review-service's {@code ProductRatingUpdated}) and units sold (from {@code OrderPaid}).
 */
@Component
public class ReadModels {

    private final ReactiveMongoTemplate mongo;
    private final IdempotentWrites idempotent;
    private final com.glowglitch.catalog.cache.ProductCache cache;

    public ReadModels(ReactiveMongoTemplate mongo, IdempotentWrites idempotent, com.glowglitch.catalog.cache.ProductCache cache) {
        this.mongo = mongo;
        this.idempotent = idempotent;
        this.cache = cache;
    }

    /**
     * The summary replaces the one we have only if it is newer: a redelivered or late older summary
     * changes nothing. {@code score} (average × 100) is what the rating sort pages by.
     */
    public Mono<Void> rating(String productId, double average, long count, Map<String, Long> distribution, Instant updatedAt) {
        Document rating = Rating.of(average, count, distribution, updatedAt).toDocument();
        Query newer = Query.query(Criteria.where("_id").is(productId).orOperator(
                Criteria.where("rating.updatedAt").is(null), Criteria.where("rating.updatedAt").lt(Date.from(updatedAt))));
        // these changes publish no catalog event, so this instance drops its cached page itself; other
        // instances show the new figures when their entry's 5-minute lifetime ends
        return mongo.updateFirst(newer, new Update().set("rating", rating), ProductStore.COLLECTION)
                .doOnNext(r -> cache.evict(productId)).then();
    }

    /** Units sold per product of one paid order, counted once per event. */
    public Mono<Void> sold(String eventId, Map<String, Long> byProduct) {
        return Flux.fromIterable(byProduct.entrySet())
                .concatMap(e -> idempotent.applyOnce(ProductStore.COLLECTION, Query.query(Criteria.where("_id").is(e.getKey())),
                        new Update().inc("popularity.sold", e.getValue()), "sold:" + eventId)
                        .doOnNext(applied -> cache.evict(e.getKey())))
                .then();
    }

    /** A product's rating summary; {@code score} is the average in hundredths, for sorting. */
    public record Rating(double average, long count, Map<String, Long> distribution, long score, Instant updatedAt) {

        public static final Rating NONE = new Rating(0, 0, Map.of("1", 0L, "2", 0L, "3", 0L, "4", 0L, "5", 0L), 0, null);

        static Rating of(double average, long count, Map<String, Long> distribution, Instant updatedAt) {
            double clamped = Math.max(0, Math.min(5, average));
            return new Rating(Math.round(clamped * 100) / 100.0, count, distribution, Math.round(clamped * 100), updatedAt);
        }

        Document toDocument() {
            Document dist = new Document();
            distribution.forEach(dist::append);
            return new Document("average", average).append("count", count).append("distribution", dist).append("score", score)
                    .append("updatedAt", updatedAt == null ? null : Date.from(updatedAt));
        }

        static Rating fromDocument(Document d) {
            if (d == null) {
                return NONE;
            }
            Document dist = d.get("distribution", Document.class);
            Map<String, Long> m = new java.util.LinkedHashMap<>();
            for (String star : new String[] {"1", "2", "3", "4", "5"}) {
                m.put(star, dist == null || dist.get(star) == null ? 0L : ((Number) dist.get(star)).longValue());
            }
            return new Rating(((Number) d.get("average")).doubleValue(), ((Number) d.get("count")).longValue(), m,
                    ((Number) d.get("score")).longValue(), d.getDate("updatedAt") == null ? null : d.getDate("updatedAt").toInstant());
        }
    }
}
