package com.glowglitch.order.order;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import com.glowglitch.platform.events.OutboxEntry;
import com.glowglitch.platform.idempotency.IdempotentWrites;
import com.glowglitch.platform.outbox.Outbox;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@code orders} collection. Every status change is one conditional update that also appends
 * the timeline entry and the events it causes: either all of it happens or none.
 */
@Component
public class OrderStore {

    public static final String ORDERS = "orders";

    private final ReactiveMongoTemplate mongo;
    private final Outbox outbox;
    private final Clock clock;

    public OrderStore(ReactiveMongoTemplate mongo, Outbox outbox, Clock clock) {
        this.mongo = mongo;
        this.outbox = outbox;
        this.clock = clock;
    }

    public Mono<Order> insert(Order order, List<org.bson.Document> events) {
        org.bson.Document doc = new org.bson.Document();
        mongo.getConverter().write(order, doc);
        doc.put(Outbox.FIELD, events);
        return outbox.afterWrite(mongo.insert(doc, ORDERS), ORDERS, order.id()).thenReturn(order);
    }

    public Mono<Order> byId(String id) {
        return mongo.findById(id, Order.class, ORDERS);
    }

    public Mono<Order> byNumber(String orderNumber) {
        return mongo.findOne(Query.query(Criteria.where("orderNumber").is(orderNumber)), Order.class, ORDERS);
    }

    public Mono<Order> openForCart(String cartId) {
        return mongo.findOne(Query.query(Criteria.where("openCartId").is(cartId)), Order.class, ORDERS);
    }

    public Mono<Order> byIntent(String intentId) {
        return mongo.findOne(Query.query(Criteria.where("payment.intentId").is(intentId)), Order.class, ORDERS);
    }

    public Mono<Order> byCapture(String captureId) {
        return mongo.findOne(Query.query(Criteria.where("payment.captureId").is(captureId)), Order.class, ORDERS);
    }

    /** Orders in one of {@code statuses} whose saga deadline passed. */
    public Flux<Order> overdue(Collection<OrderStatus> statuses, Instant now) {
        return mongo.find(Query.query(Criteria.where("status").in(statuses.stream().map(Enum::name).toList())
                .and("deadline").lt(now)), Order.class, ORDERS);
    }

    public Flux<Order> find(Query query) {
        return mongo.find(query, Order.class, ORDERS);
    }

    /**
     * Moves the order to {@code to} if it still matches {@code guard} (its version, or the status
     * the saga expects), with a timeline entry and {@code events} in the same update.
     *
     * @return the order after the move; empty when the guard did not match (a duplicate, a race)
     */
    public Mono<Order> move(String orderId, Criteria guard, OrderStatus from, OrderStatus to, String actor, String reason,
                            Update extra, OutboxEntry... events) {
        Instant now = clock.instant();
        Update u = extra.set("status", to.name()).set("updatedAt", now).inc("version", 1)
                .push("timeline", new Order.TimelineEntry(now, from, to, actor, reason));
        if (OrderStatus.STAGES.contains(to)) {
            u.set("stage", to.name());
        }
        if (!to.waiting()) {
            u.unset("deadline");
        }
        if (to == OrderStatus.CANCELLED) {
            u.unset("openCartId");
        }
        if (events.length > 0) {
            Outbox.push(u, events);
        }
        return update(orderId, guard, u);
    }

    /** A change that is not a move (payment details, a shipment's tracking), guarded the same way. */
    public Mono<Order> update(String orderId, Criteria guard, Update u) {
        Query q = Query.query(Criteria.where("_id").is(orderId)).addCriteria(guard);
        u.inc("version", 1); // sets $inc.version to 1 (a move already did; Update.inc replaces, never adds twice)
        return outbox.afterWrite(mongo.findAndModify(q, u, FindAndModifyOptions.options().returnNew(true), Order.class, ORDERS),
                ORDERS, orderId);
    }

    /** The guard of an API write: nobody changed the order since it was read. */
    public static Criteria unchanged(Order o) {
        return Criteria.where("version").is(o.version());
    }

    /** The guard of a saga step: the order is still where the step expects it, and did not see this event. */
    public static Criteria at(OrderStatus status, String eventId) {
        Criteria c = Criteria.where("status").is(status.name());
        return eventId == null ? c : c.and(IdempotentWrites.PROCESSED).ne(eventId);
    }

    /** Records {@code eventId} as applied in the same update. */
    public static Update seen(Update u, String eventId) {
        if (eventId != null) {
            u.push(IdempotentWrites.PROCESSED).slice(-IdempotentWrites.REMEMBERED_EVENTS).each(eventId);
        }
        return u;
    }

    public static Query newestFirst(Criteria c, int limit) {
        return Query.query(c).with(Sort.by(Sort.Direction.DESC, "placedAt", "_id")).limit(limit);
    }
}
