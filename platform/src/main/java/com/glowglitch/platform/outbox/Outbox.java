package com.glowglitch.platform.outbox;

import java.util.Arrays;
import java.util.List;

import org.bson.Document;
import org.springframework.data.mongodb.core.query.Update;

import com.glowglitch.platform.events.OutboxEntry;

import reactor.core.publisher.Mono;

/**
 * What a service needs to write events: put them in the same update as the state change
 * ({@link #push}) or in the new document ({@link #field}), then {@link #afterWrite} wakes the
 * relay once the write is durable.
 */
public class Outbox {

    public static final String FIELD = "outbox";

    private final OutboxRelay relay;

    public Outbox(OutboxRelay relay) {
        this.relay = relay;
    }

    /** Adds {@code $push: {outbox: {$each: [...]}}} to an update that changes the aggregate. */
    public static Update push(Update update, OutboxEntry... entries) {
        return update.push(FIELD).each(Arrays.stream(entries).map(OutboxEntry::toDocument).toArray());
    }

    /** The {@code outbox} field of a document being inserted. */
    public static List<Document> field(OutboxEntry... entries) {
        return Arrays.stream(entries).map(OutboxEntry::toDocument).toList();
    }

    /** Wakes the relay as soon as {@code write} succeeded; the relay scans every outbox collection. */
    public <T> Mono<T> afterWrite(Mono<T> write) {
        return write.doOnSuccess(x -> relay.wake());
    }

    /**
     * Wakes the relay for one document as soon as {@code write} succeeded: the relay reads that
     * document by id instead of scanning the collection — the cheap path for a busy aggregate type.
     */
    public <T> Mono<T> afterWrite(Mono<T> write, String collection, Object id) {
        return write.doOnSuccess(x -> relay.wake(collection, id));
    }
}
