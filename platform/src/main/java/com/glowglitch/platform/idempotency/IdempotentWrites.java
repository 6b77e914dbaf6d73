package com.glowglitch.platform.idempotency;

import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import com.mongodb.client.result.UpdateResult;

import reactor.core.publisher.Mono;

/**
 * The two idempotency patterns of ARCHITECTURE "Consistency", so handlers cannot get them
 * subtly wrong:
 * <ul>
 *   <li>{@link #createOnce}: an effect that is a new document gets a deterministic id and is
 *       written with an upsert whose fields are all {@code $setOnInsert}; a duplicate event
 *       matches the existing document and changes nothing.</li>
 *   <li>{@link #applyOnce}: a change to an existing aggregate is guarded by
 *       {@code processedEvents: {$ne: eventId}} and records the id in the same update, keeping
 *       only the last {@value #REMEMBERED_EVENTS} ids.</li>
 * </ul>
 */
public class IdempotentWrites {

    public static final String PROCESSED = "processedEvents";
    public static final int REMEMBERED_EVENTS = 200;

    private final ReactiveMongoTemplate mongo;

    public IdempotentWrites(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** @return true if this call created the document, false if it already existed */
    public Mono<Boolean> createOnce(String collection, Object id, Document fields) {
        Update u = new Update();
        fields.forEach((k, v) -> {
            if (!"_id".equals(k)) {
                u.setOnInsert(k, v);
            }
        });
        return mongo.upsert(Query.query(Criteria.where("_id").is(id)), u, collection)
                .map(r -> r.getUpsertedId() != null);
    }

    /**
     * Applies {@code update} to the document matched by {@code target} unless {@code eventId}
     * was already applied to it.
     *
     * @return true if applied now, false if it was a duplicate or no document matched
     */
    public Mono<Boolean> applyOnce(String collection, Query target, Update update, String eventId) {
        Query guarded = Query.of(target).addCriteria(Criteria.where(PROCESSED).ne(eventId));
        update.push(PROCESSED).slice(-REMEMBERED_EVENTS).each(eventId);
        return mongo.updateFirst(guarded, update, collection).map(UpdateResult::getModifiedCount).map(n -> n > 0);
    }

}
