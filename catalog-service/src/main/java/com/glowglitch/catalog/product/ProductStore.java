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
import com.glowglitch.platform.mongo.Keyset;
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
    private final SearchMode searchMode;

    public ProductStore(ReactiveMongoTemplate mongo, EventFactory events, Outbox outbox, SearchMode searchMode) {
        this.mongo = mongo;
        this.events = events;
        this.outbox = outbox;
        this.searchMode = searchMode;
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

    /** Sorts of the product list; each pages by (its field, id). */
    public enum SortBy {
        NEWEST("createdAt", false), PRICE_ASC("price.amountMinor", true), PRICE_DESC("price.amountMinor", false),
        FEATURED("featuredRank", true), RATING("rating.score", false), POPULARITY("popularity.sold", false);

        final String field;
        final boolean ascending;

        SortBy(String field, boolean ascending) {
            this.field = field;
            this.ascending = ascending;
        }

        public static SortBy parse(String s) {
            if (s == null || s.isBlank()) {
                return NEWEST;
            }
            return switch (s) {
                case "newest" -> NEWEST;
                case "price_asc" -> PRICE_ASC;
                case "price_desc" -> PRICE_DESC;
                case "featured" -> FEATURED;
                case "rating" -> RATING;
                case "popularity" -> POPULARITY;
                default -> throw com.glowglitch.platform.web.ApiException.badRequest("invalid-sort",
                        "sort must be one of newest, price_asc, price_desc, featured, rating, popularity");
            };
        }

        /** The value of this sort's field in a product, as stored (dates as epoch millis in cursors). */
        public long keyOf(ProductView p) {
            return switch (this) {
                case NEWEST -> p.createdAt().toEpochMilli();
                case PRICE_ASC, PRICE_DESC -> p.price().amountMinor();
                case FEATURED -> p.featuredRank() == null ? Long.MAX_VALUE : p.featuredRank();
                case RATING -> p.ratingScore();
                case POPULARITY -> p.popularity().sold();
            };
        }

        Object stored(long key) {
            return this == NEWEST ? new Date(key) : key;
        }
    }

    /** Filters of the product list; null means "any". */
    public record Filter(ProductStatus status, Category category, String tag, Long minPrice, Long maxPrice,
                         boolean inStockOnly, Boolean featured, String collection, String creator, String material,
                         String gemstone) {

        public Filter(ProductStatus status, Category category, String tag, Long minPrice, Long maxPrice,
                      boolean inStockOnly, Boolean featured) {
            this(status, category, tag, minPrice, maxPrice, inStockOnly, featured, null, null, null, null);
        }
    }

    public Flux<Product> page(Filter f, SortBy sort, Long afterKey, String afterId, int limit) {
        List<Criteria> all = new java.util.ArrayList<>();
        if (f.status() != null) {
            all.add(Criteria.where("status").is(f.status().json()));
        }
        if (f.category() != null) {
            all.add(Criteria.where("category").is(f.category().json()));
        }
        if (f.tag() != null) {
            all.add(Criteria.where("tags").is(f.tag().trim().toLowerCase()));
        }
        if (f.collection() != null) {
            all.add(Criteria.where("collections").is(f.collection()));
        }
        if (f.creator() != null) {
            all.add(Criteria.where("designerCreatorId").is(f.creator()));
        }
        if (f.material() != null) {
            all.add(Criteria.where("options.materials.code").is(f.material()));
        }
        if (f.gemstone() != null) {
            all.add(Criteria.where("options.gemstones.code").is(f.gemstone()));
        }
        if (f.minPrice() != null) {
            all.add(Criteria.where("price.amountMinor").gte(f.minPrice()));
        }
        if (f.maxPrice() != null) {
            all.add(Criteria.where("price.amountMinor").lte(f.maxPrice()));
        }
        if (f.inStockOnly()) {
            all.add(Criteria.where("variants").elemMatch(Criteria.where("stock.available").gt(0)));
        }
        if (f.featured() != null) {
            all.add(Criteria.where("featured").is(f.featured()));
        }
        if (afterKey != null) {
            all.add(Keyset.after(sort.field, sort.stored(afterKey), afterId, sort.ascending));
        }
        Query q = all.isEmpty() ? new Query() : Query.query(new Criteria().andOperator(all.toArray(Criteria[]::new)));
        Sort.Direction dir = sort.ascending ? Sort.Direction.ASC : Sort.Direction.DESC;
        q.with(Sort.by(new Sort.Order(dir, sort.field), new Sort.Order(dir, "_id"))).limit(limit);
        q.fields().exclude(Outbox.FIELD).exclude("holds");
        return mongo.find(q, Document.class, COLLECTION).map(Product::fromDocument);
    }

    /**
     * Every word of the query must appear in the name, a tag or the description. With the text index
     * (real MongoDB) each word is a quoted phrase — so all must match — and results rank by text
     * score; without it, a case-insensitive literal regex per word, newest first.
     */
    public Flux<Product> search(String q, int limit) {
        if (searchMode.mode() == SearchMode.Mode.TEXT_INDEX) {
            return mongo.find(SearchMode.textQuery(q, limit), Document.class, COLLECTION).map(Product::fromDocument);
        }
        List<Criteria> words = new java.util.ArrayList<>();
        for (String w : q.trim().split("\\s+")) {
            if (w.isBlank()) {
                continue;
            }
            java.util.regex.Pattern p = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(w),
                    java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.UNICODE_CASE);
            words.add(new Criteria().orOperator(Criteria.where("name").regex(p), Criteria.where("tags").regex(p),
                    Criteria.where("description").regex(p)));
        }
        words.add(Criteria.where("status").is(ProductStatus.ACTIVE.json()));
        Query query = Query.query(new Criteria().andOperator(words.toArray(Criteria[]::new)))
                .with(Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("_id"))).limit(limit);
        query.fields().exclude(Outbox.FIELD).exclude("holds");
        return mongo.find(query, Document.class, COLLECTION).map(Product::fromDocument);
    }

    /** Seeding only: puts a product on the featured shelf (no event: it is not a change anyone waits for). */
    Mono<Void> feature(String id, long rank) {
        return mongo.updateFirst(Query.query(Criteria.where("_id").is(id)),
                new org.springframework.data.mongodb.core.query.Update().set("featured", true).set("featuredRank", rank),
                COLLECTION).then();
    }

    public Mono<Product> findByPreviousSlug(String slug) {
        return mongo.findOne(Query.query(Criteria.where("previousSlugs").is(slug)), Document.class, COLLECTION)
                .map(Product::fromDocument);
    }


}
