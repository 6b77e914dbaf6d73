package com.glowglitch.order.order;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import com.glowglitch.order.config.OrderProperties;
import com.glowglitch.order.events.OrderEvents;
import com.glowglitch.order.payment.PaymentProvider;
import com.glowglitch.order.payment.Payments;
import com.glowglitch.order.payment.TransientPaymentException;
import com.glowglitch.platform.events.EventFactory;
import com.glowglitch.platform.events.OutboxEntry;
import com.glowglitch.platform.money.Money;
import com.glowglitch.platform.web.ApiException;

import reactor.core.publisher.Mono;

/**
 * What people do to an order after checkout: the shopper cancels or asks for a return; staff
 * prepare, ship, deliver, receive returns and refund. Each command checks the state machine,
 * then writes the move, its timeline entry and its event in one update guarded by the version
 * the command read (a concurrent change → 409, nothing written).
 */
@Component
public class OrderCommands {

    private static final Logger log = LoggerFactory.getLogger(OrderCommands.class);

    private final OrderStore store;
    private final Payments payments;
    private final EventFactory events;
    private final Clock clock;
    private final OrderProperties props;

    public OrderCommands(OrderStore store, Payments payments, EventFactory events, Clock clock, OrderProperties props) {
        this.store = store;
        this.payments = payments;
        this.events = events;
        this.clock = clock;
        this.props = props;
    }

    private Mono<Order> move(Order o, OrderStatus to, String actor, String reason, Update extra, OutboxEntry... out) {
        o.requireMove(to);
        return store.move(o.id(), OrderStore.unchanged(o), o.status(), to, actor, reason, extra, out)
                .switchIfEmpty(Mono.error(() -> ApiException.conflict("order-changed",
                        "order " + o.orderNumber() + " changed at the same time; reload it and try again")));
    }

    private OutboxEntry event(Order o, String type, Object data) {
        return events.create(OrderEvents.TOPIC, type, o.id(), data);
    }

    /**
     * Cancels before shipping. Unpaid: the stock goes back and the cart can be restored. Paid:
     * whatever was captured and not yet refunded is refunded first; only when the provider
     * agreed does the order become CANCELLED.
     */
    public Mono<Order> cancel(Order o, String actor, String code, String reason) {
        o.requireMove(OrderStatus.CANCELLED);
        Instant now = clock.instant();
        Order.Cancellation why = new Order.Cancellation(code, reason == null ? "cancelled on request" : reason, List.of(), actor, now);
        if (!o.status().paid()) {
            return move(o, OrderStatus.CANCELLED, actor, code + ": " + why.detail(), new Update().set("cancellation", why),
                    event(o, OrderEvents.OrderCancelled.TYPE, OrderEvents.OrderCancelled.of(o, code + ": " + why.detail(), 0, actor, now)));
        }
        long amount = o.refundableMinor();
        String refundId = "cancel-" + o.id();
        return providerRefund(o, refundId, amount).flatMap(ref -> {
            List<Order.RefundLine> lines = o.refundLines(o.everythingLeft());
            Order.Refund refund = new Order.Refund(refundId, amount, lines, true, "order cancelled", "SUCCEEDED",
                    ref.refundId(), actor, now, now);
            Update u = new Update().set("cancellation", why).push("refunds", refund)
                    .inc("payment.refundedMinor", amount).set("payment.status", "REFUNDED");
            refundedLines(u, o, lines);
            return move(o, OrderStatus.CANCELLED, actor, code + ": " + why.detail() + " (refunded " + amount + ")", u,
                    event(o, OrderEvents.OrderCancelled.TYPE, OrderEvents.OrderCancelled.of(o, code + ": " + why.detail(),
                            amount, actor, now)));
        });
    }

    public Mono<Order> startProcessing(Order o, String actor) {
        return move(o, OrderStatus.PROCESSING, actor, "being prepared", new Update());
    }

    public Mono<Order> ship(Order o, String actor, String carrier, String trackingNumber) {
        Instant now = clock.instant();
        String shipmentId = "shp_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        Order.Shipment s = new Order.Shipment(shipmentId, carrier, trackingNumber, now, List.of());
        return move(o, OrderStatus.SHIPPED, actor, "shipped with " + carrier + " (" + trackingNumber + ")",
                new Update().push("shipments", s),
                event(o, OrderEvents.OrderShipped.TYPE, new OrderEvents.OrderShipped(o.id(), o.orderNumber(), o.userId(),
                        shipmentId, carrier, trackingNumber, now)));
    }

    /** A carrier's scan for a shipment (in transit, out for delivery, …); no status change. */
    public Mono<Order> track(Order o, String shipmentId, Order.TrackingEvent e) {
        if (o.shipments().stream().noneMatch(s -> s.shipmentId().equals(shipmentId))) {
            return Mono.error(ApiException.notFound("shipment " + shipmentId));
        }
        return store.update(o.id(), OrderStore.unchanged(o), new Update().push("shipments.$[s].events", e)
                        .filterArray(Criteria.where("s.shipmentId").is(shipmentId)))
                .switchIfEmpty(Mono.error(() -> ApiException.conflict("order-changed", "the order changed; try again")));
    }

    public Mono<Order> deliver(Order o, String actor) {
        Instant now = clock.instant();
        return move(o, OrderStatus.DELIVERED, actor, "delivered", new Update(),
                event(o, OrderEvents.OrderDelivered.TYPE, new OrderEvents.OrderDelivered(o.id(), o.orderNumber(), o.userId(),
                        o.lines().stream().map(Order.Line::productId).distinct().toList(), now)));
    }

    public Mono<Order> requestReturn(Order o, String actor, String reason) {
        return move(o, OrderStatus.RETURN_REQUESTED, actor, reason == null ? "return requested" : reason, new Update());
    }

    public Mono<Order> receiveReturn(Order o, String actor, String note) {
        Instant now = clock.instant();
        String reason = note == null ? "returned goods received" : note;
        return move(o, OrderStatus.RETURNED, actor, reason, new Update(),
                event(o, OrderEvents.OrderReturned.TYPE, new OrderEvents.OrderReturned(o.id(), o.orderNumber(), o.userId(), reason, now)));
    }

    /**
     * A refund of some line units, an amount, or (neither given) everything left. The order moves
     * to REFUND_REQUESTED with the refund recorded first, then the provider is asked; when it
     * agrees the order becomes REFUNDED or PARTIALLY_REFUNDED with {@code OrderRefunded}. If the
     * provider cannot answer now the order stays REFUND_REQUESTED and the watchdog asks again with
     * the same idempotency key.
     *
     * @param restock null: the refunded units return to the shelf unless the goods are with the customer
     */
    public Mono<Order> refund(Order o, String actor, List<Order.LineRequest> lineRequests, Long amountMinor, String reason,
                              Boolean restock) {
        o.requireMove(OrderStatus.REFUND_REQUESTED);
        long refundable = o.refundableMinor();
        List<Order.RefundLine> lines;
        long amount;
        if (lineRequests != null && !lineRequests.isEmpty()) {
            lines = o.refundLines(lineRequests);
            amount = lines.stream().mapToLong(Order.RefundLine::amountMinor).sum();
        } else if (amountMinor != null) {
            lines = List.of();
            amount = amountMinor;
        } else {
            lines = o.refundLines(o.everythingLeft());
            amount = refundable;
        }
        if (amount <= 0) {
            return Mono.error(ApiException.unprocessable("nothing-to-refund", "the refund amounts to nothing"));
        }
        if (amount > refundable) {
            return Mono.error(ApiException.unprocessable("refund-exceeds-captured", "order " + o.orderNumber() + " has "
                    + refundable + " " + o.totals().currency() + " (minor units) left to refund, not " + amount));
        }
        boolean back = restock != null ? restock
                : o.stage() == OrderStatus.PAID || o.stage() == OrderStatus.PROCESSING || o.stage() == OrderStatus.RETURNED;
        Instant now = clock.instant();
        Order.Refund r = new Order.Refund("rf_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16), amount, lines,
                back, reason, "REQUESTED", null, actor, now, null);
        return move(o, OrderStatus.REFUND_REQUESTED, actor, "refund of " + amount + " requested" + (reason == null ? "" : ": " + reason),
                new Update().push("refunds", r).set("deadline", now.plus(props.paymentTimeout())))
                .flatMap(requested -> completeRefund(requested, r.refundId()));
    }

    /** Asks the provider for a recorded refund and applies its answer; used by {@link #refund} and the watchdog. */
    public Mono<Order> completeRefund(Order o, String refundId) {
        Order.Refund r = o.refunds().stream().filter(x -> x.refundId().equals(refundId)).findFirst().orElseThrow();
        return providerRefund(o, refundId, r.amountMinor()).flatMap(ref -> {
            Instant now = clock.instant();
            long total = o.payment().refundedMinor() + r.amountMinor();
            boolean full = total >= o.payment().capturedMinor();
            OrderStatus to = full ? OrderStatus.REFUNDED : OrderStatus.PARTIALLY_REFUNDED;
            Update u = new Update().inc("payment.refundedMinor", r.amountMinor())
                    .set("payment.status", full ? "REFUNDED" : "PARTIALLY_REFUNDED")
                    .set("refunds.$[r].status", "SUCCEEDED").set("refunds.$[r].providerRefundId", ref.refundId())
                    .set("refunds.$[r].completedAt", now).filterArray(Criteria.where("r.refundId").is(refundId));
            refundedLines(u, o, r.lines());
            String cur = o.totals().currency();
            return store.move(o.id(), Criteria.where("status").is(OrderStatus.REFUND_REQUESTED.name())
                            .and("refunds").elemMatch(Criteria.where("refundId").is(refundId).and("status").is("REQUESTED")),
                    OrderStatus.REFUND_REQUESTED, to, "payment:" + o.payment().provider(), "refunded " + r.amountMinor(), u,
                    event(o, OrderEvents.OrderRefunded.TYPE, new OrderEvents.OrderRefunded(o.id(), o.orderNumber(), o.userId(),
                            refundId, Money.of(r.amountMinor(), cur), r.lines().stream().map(l -> new OrderEvents.RefundedLine(
                                    l.lineId(), l.productId(), l.sku(), l.quantity(), Money.of(l.amountMinor(), cur))).toList(),
                            r.restock(), full, Money.of(total, cur), r.reason(), now)))
                    .switchIfEmpty(store.byId(o.id()));
        }).onErrorResume(TransientPaymentException.class, e -> {
            log.warn("order {}: refund {} not done yet ({}); the watchdog will ask again", o.orderNumber(), refundId, e.code());
            return Mono.just(o);
        });
    }

    private Mono<PaymentProvider.RefundResult> providerRefund(Order o, String key, long amount) {
        if (o.payment() == null || o.payment().intentId() == null) {
            return Mono.error(ApiException.unprocessable("not-paid", "order " + o.orderNumber() + " has no captured payment"));
        }
        return payments.named(o.payment().provider()).refund(new PaymentProvider.RefundRequest(key, o.payment().intentId(),
                o.payment().captureId(), amount, o.totals().currency()));
    }

    /** Adds the refunded units and money to each line ({@code lines.$[lN]} with one array filter per line). */
    private static void refundedLines(Update u, Order o, List<Order.RefundLine> lines) {
        for (int i = 0; i < lines.size(); i++) {
            Order.RefundLine l = lines.get(i);
            u.inc("lines.$[l" + i + "].refundedQuantity", l.quantity()).inc("lines.$[l" + i + "].refundedMinor", l.amountMinor())
                    .filterArray(Criteria.where("l" + i + ".lineId").is(l.lineId()));
        }
    }
}
