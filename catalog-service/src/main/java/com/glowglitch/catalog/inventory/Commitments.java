package com.glowglitch.catalog.inventory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import com.glowglitch.catalog.events.CatalogEvents;
import com.glowglitch.platform.events.EventFactory;
import com.glowglitch.platform.idempotency.IdempotentWrites;
import com.glowglitch.platform.outbox.Outbox;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The catalog's step of the checkout saga. On {@code OrderPlaced} each line's stock becomes
 * committed — from the cart's hold when it is still there, else straight from what is available
 * — or, if any line cannot be had, the lines already committed go back and the order is rejected
 * with the lines that failed. On {@code OrderCancelled} committed stock returns to the shelf.
 *
 * <p>No transaction spans the products of an order, so every per-line change is guarded by a
 * marker in its product document ({@code orderCommits: "<orderId>:<sku>"}) — applying it twice
 * finds the marker and changes nothing — and the order's outcome lives in
 * {@code inventory_commitments} (id = order id) with the outgoing event in its outbox. A
 * redelivered event, or a retry after a crash half-way, resumes from what is already recorded.
 *
 * <p>The markers are needed only while the order can still be cancelled or refunded with restock;
 * {@link #pruneMarkers} removes them (and the refund markers recorded with the commitment) once
 * the commitment is older than the retention, so a best-seller's document does not grow with
 * every order for ever. The commitment record stays and keeps guarding against a redelivered
 * {@code OrderPlaced}.
 */
@Component
public class Commitments {

    static final String COMMITMENTS = "inventory_commitments";
    static final String PRODUCTS = Inventory.PRODUCTS;
    private static final Logger log = LoggerFactory.getLogger(Commitments.class);

    public record Line(String productId, String sku, int quantity, String reservationId) {
    }

    private final ReactiveMongoTemplate mongo;
    private final Inventory inventory;
    private final IdempotentWrites idempotent;
    private final EventFactory events;
    private final Outbox outbox;
    private final Clock clock;

    public Commitments(ReactiveMongoTemplate mongo, Inventory inventory, IdempotentWrites idempotent, EventFactory events,
                       Outbox outbox, Clock clock) {
        this.mongo = mongo;
        this.inventory = inventory;
        this.idempotent = idempotent;
        this.events = events;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** OrderPlaced. */
    public Mono<String> commit(String orderId, String orderNumber, List<Line> lines) {
        Document record = new Document("_id", orderId).append("orderNumber", orderNumber).append("status", "PENDING")
                .append("lines", lines.stream().map(Commitments::toDocument).toList())
                .append("createdAt", Date.from(clock.instant()));
        return idempotent.createOnce(COMMITMENTS, orderId, record)
                .then(mongo.findById(orderId, Document.class, COMMITMENTS))
                .flatMap(c -> {
                    if (!"PENDING".equals(c.getString("status"))) {
                        return Mono.just(c.getString("status")); // done before: a redelivery
                    }
                    return Flux.fromIterable(lines).concatMap(l -> commitLine(orderId, l).map(m -> new Outcome(l, m))
                                    .defaultIfEmpty(new Outcome(l, null)))
                            .collectList()
                            .flatMap(outcomes -> {
                                List<Outcome> failed = outcomes.stream().filter(o -> o.missing() != null).toList();
                                if (failed.isEmpty()) {
                                    return finish(orderId, "COMMITTED", CatalogEvents.InventoryCommitted.TYPE,
                                            new CatalogEvents.InventoryCommitted(orderId, orderNumber,
                                                    lines.stream().map(l -> new CatalogEvents.OrderLine(l.productId(), l.sku(), l.quantity())).toList(),
                                                    clock.instant()));
                                }
                                return Flux.fromIterable(outcomes).filter(o -> o.missing() == null)
                                        .concatMap(o -> uncommit(orderId, o.line())).then(
                                        finish(orderId, "REJECTED", CatalogEvents.InventoryRejected.TYPE,
                                                new CatalogEvents.InventoryRejected(orderId, orderNumber, failed.stream()
                                                        .map(o -> new CatalogEvents.RejectedLine(o.line().productId(), o.line().sku(),
                                                                o.line().quantity(), o.missing().available(), o.missing().reason()))
                                                        .toList(), clock.instant())));
                            });
                });
    }

    /** OrderCancelled: what this order committed goes back to the shelf (once). */
    public Mono<String> release(String orderId) {
        return mongo.findById(orderId, Document.class, COMMITMENTS)
                .filter(c -> "COMMITTED".equals(c.getString("status")))
                .filter(c -> {
                    if (c.get("markersPrunedAt") != null) {
                        log.warn("order {}: cancelled after its stock markers were pruned (retention passed); nothing returned", orderId);
                        return false;
                    }
                    return true;
                })
                .flatMap(c -> Flux.fromIterable(linesOf(c)).concatMap(l -> uncommit(orderId, l))
                        .then(mongo.updateFirst(Query.query(Criteria.where("_id").is(orderId).and("status").is("COMMITTED")),
                                new Update().set("status", "RELEASED").set("releasedAt", Date.from(clock.instant())), COMMITMENTS))
                        .thenReturn("RELEASED"))
                .defaultIfEmpty("NOTHING");
    }

    /**
     * OrderRefunded with restock: the refunded units of the order's committed stock go back on the
     * shelf. Each line is guarded by a marker {@code "<refundId>:<sku>"}, so a redelivered refund
     * restocks once; only stock this order committed can come back.
     *
     * @return how many lines were restocked now
     */
    public Mono<Long> restock(String orderId, String refundId, List<Line> lines) {
        // the refund is noted on the commitment first, so the pruning job knows which refund markers to remove later
        Mono<Void> noted = mongo.updateFirst(Query.query(Criteria.where("_id").is(orderId)), new Update().addToSet("refunds", refundId),
                COMMITMENTS).then();
        return noted.thenMany(Flux.fromIterable(lines)).concatMap(l -> {
            String key = refundId + ":" + l.sku();
            Query q = Query.query(new Criteria().andOperator(Criteria.where("_id").is(l.productId()),
                    Criteria.where("orderCommits").is(orderId + ":" + l.sku()), Criteria.where("orderCommits").ne(key),
                    Criteria.where("variants").elemMatch(Criteria.where("sku").is(l.sku()).and("stock.committed").gte(l.quantity()))));
            Update u = new Update().inc("variants.$[v].stock.committed", -l.quantity())
                    .inc("variants.$[v].stock.available", l.quantity())
                    .push("orderCommits", key)
                    .filterArray(Criteria.where("v.sku").is(l.sku()));
            return mongo.updateFirst(q, u, PRODUCTS).map(r -> r.getModifiedCount());
        }).reduce(0L, Long::sum).doOnNext(n -> log.info("order {}: refund {} restocked {} line(s)", orderId, refundId, n));
    }

    /**
     * Removes the per-line markers of up to {@code batch} committed orders decided before
     * {@code cutoff} — the order's own {@code "<orderId>:<sku>"} and every {@code "<refundId>:<sku>"}
     * of its refunds — and notes {@code markersPrunedAt} on each commitment.
     *
     * @return how many commitments were pruned
     */
    public Mono<Long> pruneMarkers(java.time.Instant cutoff, int batch) {
        Query due = Query.query(Criteria.where("status").is("COMMITTED").and("decidedAt").lt(Date.from(cutoff))
                .and("markersPrunedAt").exists(false)).limit(batch);
        return mongo.find(due, Document.class, COMMITMENTS)
                .concatMap(c -> {
                    String orderId = c.getString("_id");
                    List<String> refunds = c.getList("refunds", String.class, List.of());
                    return Flux.fromIterable(linesOf(c))
                            .concatMap(l -> {
                                List<Object> keys = new ArrayList<>();
                                keys.add(orderId + ":" + l.sku());
                                refunds.forEach(r -> keys.add(r + ":" + l.sku()));
                                return mongo.updateFirst(Query.query(Criteria.where("_id").is(l.productId())),
                                        new Update().pullAll("orderCommits", keys.toArray()), PRODUCTS);
                            })
                            .then(mongo.updateFirst(Query.query(Criteria.where("_id").is(orderId)),
                                    new Update().set("markersPrunedAt", Date.from(clock.instant())), COMMITMENTS))
                            .thenReturn(1L);
                })
                .reduce(0L, Long::sum);
    }

    /** Why a line could not be committed. */
    record Missing(long available, String reason) {
    }

    private record Outcome(Line line, Missing missing) {
    }

    private Mono<Missing> commitLine(String orderId, Line l) {
        String key = orderId + ":" + l.sku();
        Mono<Boolean> fromHold = l.reservationId() == null ? Mono.just(false) : inventory.findHold(l.reservationId()).map(Inventory.Hold::quantity)
                .flatMap(held -> {
                    // the hold becomes committed; any part of it the order does not take goes back on the shelf
                    Query q = Query.query(Criteria.where("_id").is(l.productId()).and("orderCommits").ne(key)
                            .and("holds").elemMatch(Criteria.where("id").is(l.reservationId()).and("quantity").is(held)));
                    if (held < l.quantity()) {
                        q.addCriteria(Criteria.where("variants").elemMatch(Criteria.where("sku").is(l.sku())
                                .and("stock.available").gte(l.quantity() - held)));
                    }
                    Update u = new Update().inc("variants.$[v].stock.reserved", -held)
                            .inc("variants.$[v].stock.available", held - l.quantity())
                            .inc("variants.$[v].stock.committed", l.quantity())
                            .pull("holds", new Document("id", l.reservationId()))
                            .push("orderCommits", key)
                            .filterArray(Criteria.where("v.sku").is(l.sku()));
                    return mongo.updateFirst(q, u, PRODUCTS).map(r -> r.getModifiedCount() == 1);
                })
                .defaultIfEmpty(false);
        return fromHold.flatMap(done -> done ? Mono.<Missing>empty() : alreadyCommitted(l.productId(), key)
                .flatMap(already -> already ? Mono.<Missing>empty() : takeFromShelf(l, key)));
    }

    /** The hold lapsed (or there was none): take the units from what is available now, if there are enough. */
    private Mono<Missing> takeFromShelf(Line l, String key) {
        Query q = Query.query(Criteria.where("_id").is(l.productId()).and("status").is("active").and("orderCommits").ne(key)
                .and("variants").elemMatch(Criteria.where("sku").is(l.sku()).and("stock.available").gte(l.quantity())));
        Update u = new Update().inc("variants.$[v].stock.available", -l.quantity())
                .inc("variants.$[v].stock.committed", l.quantity())
                .push("orderCommits", key)
                .filterArray(Criteria.where("v.sku").is(l.sku()));
        return mongo.updateFirst(q, u, PRODUCTS).flatMap(r -> r.getModifiedCount() == 1 ? Mono.<Missing>empty()
                : alreadyCommitted(l.productId(), key).flatMap(already -> already ? Mono.<Missing>empty() : missing(l)));
    }

    @SuppressWarnings("unchecked")
    private Mono<Missing> missing(Line l) {
        return mongo.findById(l.productId(), Document.class, PRODUCTS)
                .map(p -> {
                    if (!"active".equals(p.getString("status"))) {
                        return new Missing(0, "not-for-sale");
                    }
                    long available = ((List<Document>) p.get("variants", List.class)).stream()
                            .filter(v -> l.sku().equals(v.getString("sku"))).findFirst()
                            .map(v -> ((Number) v.get("stock", Document.class).get("available")).longValue()).orElse(-1L);
                    return available < 0 ? new Missing(0, "unknown-sku") : new Missing(available, "out-of-stock");
                })
                .defaultIfEmpty(new Missing(0, "unknown-product"));
    }

    private Mono<Boolean> alreadyCommitted(String productId, String key) {
        return mongo.exists(Query.query(Criteria.where("_id").is(productId).and("orderCommits").is(key)), PRODUCTS);
    }

    /** Committed units of one line back to available; guarded by the marker, so once. */
    private Mono<Boolean> uncommit(String orderId, Line l) {
        String key = orderId + ":" + l.sku();
        Query q = Query.query(Criteria.where("_id").is(l.productId()).and("orderCommits").is(key));
        Update u = new Update().inc("variants.$[v].stock.committed", -l.quantity())
                .inc("variants.$[v].stock.available", l.quantity())
                .pull("orderCommits", key)
                .filterArray(Criteria.where("v.sku").is(l.sku()));
        return mongo.updateFirst(q, u, PRODUCTS).map(r -> r.getModifiedCount() == 1);
    }

    private Mono<String> finish(String orderId, String status, String type, Object event) {
        Update u = new Update().set("status", status).set("decidedAt", Date.from(clock.instant()));
        Outbox.push(u, events.create(CatalogEvents.TOPIC, type, orderId, event));
        return outbox.afterWrite(mongo.updateFirst(Query.query(Criteria.where("_id").is(orderId).and("status").is("PENDING")), u,
                        COMMITMENTS))
                .doOnNext(r -> log.info("order {}: stock {}", orderId, status.toLowerCase()))
                .thenReturn(status);
    }

    private static Document toDocument(Line l) {
        return new Document("productId", l.productId()).append("sku", l.sku()).append("quantity", l.quantity())
                .append("reservationId", l.reservationId());
    }

    @SuppressWarnings("unchecked")
    private static List<Line> linesOf(Document c) {
        List<Line> out = new ArrayList<>();
        for (Document d : (List<Document>) c.get("lines", List.class)) {
            out.add(new Line(d.getString("productId"), d.getString("sku"), ((Number) d.get("quantity")).intValue(),
                    d.getString("reservationId")));
        }
        return out;
    }
}
