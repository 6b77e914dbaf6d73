package com.glowglitch.platform.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import com.glowglitch.platform.events.EventPublisher;
import com.glowglitch.platform.events.OutboxEntry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Publishes the events waiting in aggregates' {@code outbox} arrays (ARCHITECTURE
 * "Consistency"). One pass: find documents with pending entries, publish each document's
 * entries in array order (key = aggregate id, so Kafka keeps per-aggregate order), wait for the
 * broker's ack, then {@code $pull} exactly the published ids. A crash between publish and pull
 * republishes (consumers are idempotent); nothing is removed before it was acknowledged, so
 * nothing is lost. Passes run one at a time; a write wakes the relay at once (with the written
 * document's id when the service names it, so the pass reads just that document) and a poll,
 * which scans every outbox collection, is the safety net for wake-ups lost to a crash or for a
 * broker that was down. The pending / oldest-age gauges are refreshed by those full scans.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final ReactiveMongoTemplate mongo;
    private final EventPublisher publisher;
    private final List<String> collections;
    private final Duration pollInterval;
    private final int batchSize;
    private final Clock clock;
    private final Sinks.Many<Boolean> wakeUps = Sinks.many().multicast().directBestEffort();
    private final java.util.concurrent.ConcurrentLinkedQueue<Map.Entry<String, Object>> hints = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicBoolean fullScanDue = new java.util.concurrent.atomic.AtomicBoolean(true);
    private final int parallelism;
    private final Scheduler publishScheduler;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong oldestAgeMillis = new AtomicLong();
    private final Counter published;
    private final Counter failures;
    private final Timer latency;
    private volatile Disposable loop;
    private volatile PublishHook hook = PublishHook.NONE;

    public OutboxRelay(ReactiveMongoTemplate mongo, EventPublisher publisher, List<String> collections,
                       Duration pollInterval, int batchSize, int parallelism, Clock clock, MeterRegistry meters) {
        this.mongo = mongo;
        this.parallelism = Math.max(1, parallelism);
        // the binder's send blocks until the broker's ack: these workers wait, never an event loop
        this.publishScheduler = Schedulers.newBoundedElastic(this.parallelism, Integer.MAX_VALUE, "outbox-relay");
        this.publisher = publisher;
        this.collections = List.copyOf(collections);
        this.pollInterval = pollInterval;
        this.batchSize = batchSize;
        this.clock = clock;
        Gauge.builder("outbox.pending", pending, AtomicLong::get)
                .description("events written but not yet acknowledged by Kafka").register(meters);
        Gauge.builder("outbox.oldest.age", oldestAgeMillis, v -> v.get() / 1000.0).baseUnit("seconds")
                .description("age of the oldest unpublished event").register(meters);
        this.published = Counter.builder("outbox.published").register(meters);
        this.failures = Counter.builder("outbox.publish.failures").register(meters);
        this.latency = Timer.builder("outbox.publish.latency")
                .description("event write to broker acknowledgement")
                .publishPercentiles(0.5, 0.99).publishPercentileHistogram().register(meters);
    }

    /** Call after a write that appended outbox entries somewhere; the next pass scans every outbox collection. */
    public void wake() {
        fullScanDue.set(true);
        wakeUps.tryEmitNext(Boolean.TRUE);
    }

    /**
     * Call after a write that appended outbox entries to one known document: the next pass reads
     * just the hinted documents by id instead of scanning the collection (on a store without
     * secondary indexes a scan reads every document, and a busy service would scan non-stop).
     * The poll still scans everything, so a hint lost in a crash only delays an event.
     */
    public void wake(String collection, Object id) {
        hints.add(Map.entry(collection, id));
        wakeUps.tryEmitNext(Boolean.TRUE);
    }

    /** Tests use this to simulate a crash at a precise step of a pass. */
    public void setHook(PublishHook hook) {
        this.hook = hook == null ? PublishHook.NONE : hook;
    }

    @Override
    public void start() {
        Flux<Boolean> triggers = Flux.merge(wakeUps.asFlux(),
                Flux.interval(Duration.ZERO, pollInterval).map(t -> {
                    fullScanDue.set(true); // the safety net: every poll scans everything
                    return Boolean.TRUE;
                }));
        // a burst of wake-ups while a pass runs collapses into a single follow-up pass
        loop = triggers.onBackpressureLatest()
                .concatMap(t -> drain().onErrorResume(e -> {
                    log.warn("outbox pass failed, will retry: {}", e.toString());
                    return Mono.just(0);
                }), 1)
                .subscribe();
        log.info("outbox relay started for {} (poll {})", collections, pollInterval);
    }

    @Override
    public void stop() {
        Disposable l = loop;
        if (l != null) {
            l.dispose();
        }
        loop = null;
    }

    @Override
    public boolean isRunning() {
        return loop != null && !loop.isDisposed();
    }

    @Override
    public int getPhase() {
        // stop before the binder's producers and the Mongo client go away
        return Integer.MAX_VALUE - 100;
    }

    /**
     * One pass: a full scan of every outbox collection when one is due (the poll, an unhinted
     * wake-up), otherwise just the documents hinted since the last pass. Returns how many events
     * were published.
     */
    public Mono<Integer> drain() {
        List<Map.Entry<String, Object>> hinted = new ArrayList<>();
        for (Map.Entry<String, Object> h; (h = hints.poll()) != null; ) {
            hinted.add(h);
        }
        if (fullScanDue.getAndSet(false)) {
            PassStats stats = new PassStats();
            return Flux.fromIterable(collections)
                    .concatMap(c -> drainCollection(c, new Query(Criteria.where(Outbox.FIELD + ".0").exists(true)), stats))
                    .reduce(0, Integer::sum)
                    .doFinally(s -> stats.publishGauges());
        }
        Map<String, List<Object>> byCollection = new java.util.LinkedHashMap<>();
        hinted.forEach(h -> byCollection.computeIfAbsent(h.getKey(), k -> new ArrayList<>()).add(h.getValue()));
        PassStats stats = new PassStats();
        return Flux.fromIterable(byCollection.entrySet())
                .concatMap(e -> drainCollection(e.getKey(), new Query(Criteria.where("_id").in(e.getValue())
                        .and(Outbox.FIELD + ".0").exists(true)), stats))
                .reduce(0, Integer::sum);
    }

    /**
     * One batch of a collection: each aggregate's entries are sent in order on one worker while
     * up to {@code parallelism} aggregates are sent side by side (the producer batches their
     * records together), then one {@code $pull} removes every acknowledged id of the batch.
     */
    private Flux<Integer> drainCollection(String collection, Query pending, PassStats stats) {
        Query q = pending.limit(batchSize);
        q.fields().include(Outbox.FIELD);
        return mongo.find(q, Document.class, collection)
                .map(doc -> Map.entry(doc.get("_id"), entries(doc)))
                .collectList()
                .flatMapMany(docs -> {
                    if (docs.isEmpty()) {
                        return Flux.empty();
                    }
                    docs.forEach(d -> stats.found(d.getValue()));
                    // once a send failed (the broker is most likely away) the rest of the batch is not tried:
                    // at most one send timeout per worker, instead of one per pending aggregate
                    java.util.concurrent.atomic.AtomicBoolean trouble = new java.util.concurrent.atomic.AtomicBoolean();
                    return Flux.fromIterable(docs)
                            .flatMapSequential(d -> Mono.fromCallable(() -> publishInOrder(d.getKey(), d.getValue(), trouble))
                                    .subscribeOn(publishScheduler), parallelism)
                            .collectList()
                            .flatMap(attempts -> pull(collection, attempts))
                            .doOnNext(stats::published)
                            .flux();
                });
    }

    /** What one pass saw, turned into the {@code outbox.pending} / {@code outbox.oldest.age} gauges. */
    private final class PassStats {
        private long found;
        private long published;
        private Instant oldest;

        synchronized void found(List<OutboxEntry> entries) {
            found += entries.size();
            for (OutboxEntry e : entries) {
                if (oldest == null || e.time().isBefore(oldest)) {
                    oldest = e.time();
                }
            }
        }

        synchronized void published(int n) {
            published += n;
        }

        synchronized void publishGauges() {
            long left = Math.max(0, found - published);
            pending.set(left);
            oldestAgeMillis.set(left == 0 || oldest == null ? 0 : Duration.between(oldest, clock.instant()).toMillis());
        }
    }

    /** Sends one aggregate's entries in array order, each waiting for the broker's ack; stops at the first failure. */
    private Attempt publishInOrder(Object aggregateId, List<OutboxEntry> entries, java.util.concurrent.atomic.AtomicBoolean trouble) {
        List<String> done = new ArrayList<>();
        RuntimeException failure = null;
        for (OutboxEntry e : entries) {
            if (trouble.get()) {
                break;
            }
            try {
                publisher.publish(e);
            } catch (RuntimeException ex) {
                failures.increment();
                failure = ex;
                trouble.set(true);
                log.warn("publishing {} {} to {} failed, kept in outbox: {}", e.type(), e.id(), e.topic(), ex.getMessage());
                break; // later entries of this aggregate must wait: order matters
            }
            latency.record(Duration.between(e.time(), clock.instant()));
            done.add(e.id());
        }
        return new Attempt(aggregateId, done, failure);
    }

    /** Removes what the broker acknowledged, for the whole batch in one update; then reports a failure, if any. */
    private Mono<Integer> pull(String collection, List<Attempt> attempts) {
        List<Object> aggregates = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        RuntimeException failure = null;
        for (Attempt a : attempts) {
            if (!a.done().isEmpty()) {
                aggregates.add(a.aggregateId());
                ids.addAll(a.done());
            }
            failure = failure != null ? failure : a.failure();
        }
        Mono<Integer> pulled = Mono.just(0);
        if (!ids.isEmpty()) {
            hook.afterPublishBeforePull(ids);
            Update pull = new Update().pull(Outbox.FIELD, new Document("id", new Document("$in", ids)));
            pulled = mongo.updateMulti(Query.query(Criteria.where("_id").in(aggregates)), pull, collection)
                    .doOnSuccess(r -> published.increment(ids.size()))
                    .thenReturn(ids.size());
        }
        // a failed send most likely means the broker is away: end this pass instead of waiting out
        // the send timeout once per pending aggregate; the poll comes back
        RuntimeException f = failure;
        return f == null ? pulled : pulled.then(Mono.error(f));
    }

    private record Attempt(Object aggregateId, List<String> done, RuntimeException failure) {
    }

    @SuppressWarnings("unchecked")
    private static List<OutboxEntry> entries(Document doc) {
        List<Document> raw = (List<Document>) doc.get("outbox", List.class);
        List<OutboxEntry> out = new ArrayList<>(raw.size());
        for (Document d : raw) {
            out.add(OutboxEntry.fromDocument(d));
        }
        return out;
    }

    /** Lets tests interrupt a pass between the broker's ack and the {@code $pull}. */
    @FunctionalInterface
    public interface PublishHook {
        void afterPublishBeforePull(List<String> publishedIds);

        PublishHook NONE = ids -> { };
    }

}
