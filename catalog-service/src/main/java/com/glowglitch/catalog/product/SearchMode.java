package com.glowglitch.catalog.product;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

/**
 * How {@code GET /api/products/search} finds products, chosen once at start-up and logged: on
 * real MongoDB a weighted text index (name 10, tags 5, description 1) with results ranked by text
 * score; on a store without {@code $text} (the embedded default) a case-insensitive regex over the
 * same fields. The index is created here rather than in a migration because creating it is exactly
 * the test of whether the store supports it.
 */
@Component
public class SearchMode {

    public enum Mode { TEXT_INDEX, REGEX }

    static final String INDEX = "products_text";
    private static final Logger log = LoggerFactory.getLogger(SearchMode.class);

    private final ReactiveMongoTemplate mongo;
    private volatile Mode mode = Mode.REGEX;

    public SearchMode(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Mode mode() {
        return mode;
    }

    /** Every word a quoted phrase (so all must match), active products only, best text score first. */
    static org.springframework.data.mongodb.core.query.Query textQuery(String q, int limit) {
        StringBuilder phrases = new StringBuilder();
        for (String w : q.trim().split("\\s+")) {
            if (!w.isBlank()) {
                phrases.append('"').append(w.replace("\"", "")).append("\" ");
            }
        }
        org.springframework.data.mongodb.core.query.Query text = org.springframework.data.mongodb.core.query.TextQuery
                .queryText(org.springframework.data.mongodb.core.query.TextCriteria.forDefaultLanguage().matching(phrases.toString().trim()))
                .sortByScore()
                .addCriteria(org.springframework.data.mongodb.core.query.Criteria.where("status").is(ProductStatus.ACTIVE.json()))
                .limit(limit);
        text.fields().exclude(com.glowglitch.platform.outbox.Outbox.FIELD).exclude("holds");
        return text;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void choose() {
        Document create = new Document("createIndexes", ProductStore.COLLECTION).append("indexes", java.util.List.of(
                new Document("key", new Document("name", "text").append("tags", "text").append("description", "text"))
                        .append("name", INDEX)
                        .append("weights", new Document("name", 10).append("tags", 5).append("description", 1))
                        .append("default_language", "english")));
        // the probe is the very query search runs (phrases, score sort, projection): a store that
        // takes the index but not this query shape must not get it
        Mono.from(mongo.getMongoDatabase().flatMap(db -> Mono.from(db.runCommand(create))))
                .then(mongo.find(textQuery("glowglitch probe", 1), Document.class, ProductStore.COLLECTION).collectList())
                .map(ok -> Mode.TEXT_INDEX)
                .onErrorResume(e -> {
                    log.debug("text index unavailable: {}", e.toString());
                    // do not leave an index behind that the store accepted but cannot query
                    return mongo.getMongoDatabase().flatMap(db -> Mono.from(db.runCommand(
                                    new Document("dropIndexes", ProductStore.COLLECTION).append("index", INDEX))))
                            .onErrorResume(x -> Mono.empty()).thenReturn(Mode.REGEX);
                })
                .subscribe(m -> {
                    mode = m;
                    log.info("product search uses {}", m == Mode.TEXT_INDEX
                            ? "the MongoDB text index (name 10, tags 5, description 1)"
                            : "a case-insensitive regex over name, tags and description (this store cannot run the text query)");
                });
    }
}
