package com.glowglitch.order.saga;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import com.glowglitch.order.config.OrderProperties;
import com.glowglitch.order.events.OrderEvents;
import com.glowglitch.order.order.Order;
import com.glowglitch.order.order.OrderStatus;
import com.glowglitch.order.order.OrderStore;
import com.glowglitch.order.payment.PaymentProvider;
import com.glowglitch.order.payment.PaymentProvider.ChargeResult;
import com.glowglitch.order.payment.Payments;
import com.glowglitch.order.payment.TransientPaymentException;
import com.glowglitch.platform.events.EventFactory;
import com.glowglitch.platform.web.ApiException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * The order's side of the checkout saga (ARCHITECTURE "The checkout saga"). Each step is one
 * conditional move guarded by the status it expects and the id of the event that caused it, so a
 * redelivered event, a webhook that arrives twice or the watchdog running the same step again
 * changes nothing. Charges carry the idempotency key {@code charge-<orderId>}: the provider
 * answers a repeated charge with the first result, never a second capture.
 */
@Component
public class Saga {

    private static final Logger log = LoggerFactory.getLogger(Saga.class);
    static final String CATALOG = "catalog-service";

    private final OrderStore store;
    private final Payments payments;
    private final EventFactory events;
    private final Clock clock;
    private final OrderProperties props;
    private final Counter paid;
    private final Counter cancelled;
    private final Counter gmv;
    private final Timer sagaTime;

    public Saga(OrderStore store, Payments payments, EventFactory events, Clock clock, OrderProperties props,
                MeterRegistry meters) {
        this.store = store;
        this.payments = payments;
        this.events = events;
        this.clock = clock;
        this.props = props;
        this.paid = Counter.builder("orders.paid").description("orders that reached PAID").register(meters);
        this.cancelled = Counter.builder("orders.cancelled").description("orders cancelled by the saga").register(meters);
        this.gmv = Counter.builder("orders.gmv").baseUnit("minor").description("gross merchandise value of paid orders")
                .register(meters);
        this.sagaTime = Timer.builder("orders.saga.duration").description("placed → paid")
                .publishPercentiles(0.5, 0.99).register(meters);
    }

    /** InventoryCommitted: stock is ours; take the payment. A redelivery resumes an unfinished payment. */
    public Mono<Void> stockCommitted(String orderId, String eventId) {
        return store.byId(orderId).flatMap(o -> switch (o.status()) {
            case PENDING -> {
                Instant now = clock.instant();
                Update u = OrderStore.seen(new Update().set("deadline", now.plus(props.paymentTimeout())), eventId);
                yield store.move(orderId, OrderStore.at(OrderStatus.PENDING, eventId), OrderStatus.PENDING,
                                OrderStatus.STOCK_CONFIRMED, CATALOG, "stock committed", u,
                                events.create(OrderEvents.TOPIC, OrderEvents.OrderStockConfirmed.TYPE, orderId,
                                        new OrderEvents.OrderStockConfirmed(orderId, o.orderNumber(), o.totals().total(), now)))
                        .flatMap(this::pay);
            }
            case STOCK_CONFIRMED -> "PROCESSING".equals(o.payment().status()) ? Mono.empty() : pay(o);
            default -> Mono.empty();
        }).then();
    }

    /** InventoryRejected: the order cannot have its stock; it is cancelled naming the lines. */
    public Mono<Void> stockRejected(String orderId, String eventId, List<RejectedLine> lines) {
        String detail = "not enough stock for " + String.join(", ", lines.stream()
                .map(l -> l.sku() + " (" + l.reason() + ": wanted " + l.requested() + ", available " + l.available() + ")").toList());
        return store.byId(orderId).filter(o -> o.status() == OrderStatus.PENDING)
                .flatMap(o -> cancel(o, OrderStore.at(OrderStatus.PENDING, eventId), eventId,
                        new Order.Cancellation("out-of-stock", detail, lines.stream().map(RejectedLine::sku).toList(), CATALOG,
                                clock.instant())))
                .then();
    }

    public record RejectedLine(String sku, int requested, long available, String reason) {
    }

    /**
     * One payment round: up to {@code paymentAttempts} tries with doubling back-off against
     * transient failures, then the answer is applied. When every try failed transiently, the
     * order waits for the watchdog's next round; after {@code paymentRounds} rounds it is cancelled.
     */
    Mono<Order> pay(Order o) {
        PaymentProvider provider = payments.named(o.payment().provider());
        AtomicInteger tries = new AtomicInteger();
        Mono<ChargeResult> charge = Mono.defer(() -> {
            tries.incrementAndGet();
            return provider.charge(new PaymentProvider.ChargeRequest("charge-" + o.id(), o.id(), o.orderNumber(),
                    o.totals().totalMinor(), o.totals().currency(), o.payment().methodToken()));
        }).retryWhen(Retry.backoff(Math.max(0, props.paymentAttempts() - 1), props.paymentBackoff())
                .filter(TransientPaymentException.class::isInstance).onRetryExhaustedThrow((spec, sig) -> sig.failure()));
        return charge.flatMap(r -> switch (r.status()) {
                    case "CAPTURED" -> markPaid(o, r, tries.get(), provider.name(), null);
                    case "PROCESSING" -> store.update(o.id(), OrderStore.at(OrderStatus.STOCK_CONFIRMED, null), new Update()
                            .set("payment.status", "PROCESSING").set("payment.intentId", r.intentId())
                            .inc("payment.attempts", tries.get()).set("payment.lastAttemptAt", clock.instant()));
                    default -> failPayment(o.id(), null, r.intentId(), r.failureCode(), r.message(), false, tries.get(),
                            "payment-declined");
                })
                .onErrorResume(TransientPaymentException.class, e -> roundFailed(o, e, tries.get()))
                .onErrorResume(ApiException.class, e -> failPayment(o.id(), null, null, e.slug(), e.getMessage(), false,
                        tries.get(), "payment-failed"));
    }

    private Mono<Order> roundFailed(Order o, TransientPaymentException e, int tries) {
        int attempts = o.payment().attempts() + tries;
        if (attempts >= props.paymentAttempts() * props.paymentRounds()) {
            return failPayment(o.id(), null, null, e.code(), e.getMessage(), true, tries, "payment-failed");
        }
        log.warn("order {}: payment round failed after {} tries ({}); the watchdog tries again", o.orderNumber(), tries, e.code());
        // overdue right away: the watchdog's next pass starts the next round
        return store.update(o.id(), OrderStore.at(OrderStatus.STOCK_CONFIRMED, null), new Update()
                .inc("payment.attempts", tries).set("payment.lastAttemptAt", clock.instant())
                .set("payment.failureCode", e.code()).set("deadline", clock.instant()));
    }

    /**
     * The provider captured the money. If the order was cancelled meanwhile (the shopper cancelled
     * while the charge was in flight, or a webhook came after a timeout), the capture is refunded
     * at once: money never stays with us for an order that does not stand.
     *
     * @param o the order as last read; the move is guarded, so a stale copy only costs a re-read
     */
    public Mono<Order> markPaid(Order o, ChargeResult r, int tries, String actor, String eventId) {
        Instant now = clock.instant();
        String orderId = o.id();
        return Mono.defer(() -> {
            if (o.status() == OrderStatus.CANCELLED && !"CAPTURED".equals(o.payment().status())) {
                return refundOrphanCapture(o, r);
            }
            if (o.status() != OrderStatus.STOCK_CONFIRMED) {
                return Mono.just(o);
            }
            Order.Payment p = new Order.Payment(o.payment().provider(), o.payment().methodToken(), o.payment().brand(),
                    o.payment().last4(), r.intentId(), r.captureId(), "CAPTURED", r.capturedMinor(), r.capturedMinor(), 0,
                    null, null, o.payment().attempts() + tries, now);
            Update u = OrderStore.seen(new Update().set("payment", p), eventId);
            return store.move(orderId, OrderStore.at(OrderStatus.STOCK_CONFIRMED, eventId), OrderStatus.STOCK_CONFIRMED,
                            OrderStatus.PAID, "payment:" + actor, "payment captured",
                            u, events.create(OrderEvents.TOPIC, OrderEvents.OrderPaid.TYPE, orderId, OrderEvents.OrderPaid.of(o, p, now)))
                    .doOnNext(x -> {
                        paid.increment();
                        gmv.increment(o.totals().totalMinor());
                        sagaTime.record(java.time.Duration.between(o.placedAt(), now));
                    })
                    // lost the race against a cancellation: look again, and refund if it was cancelled
                    .switchIfEmpty(Mono.defer(() -> store.byId(orderId).flatMap(again -> again.status() == OrderStatus.CANCELLED
                            ? refundOrphanCapture(again, r) : Mono.just(again))));
        });
    }

    private Mono<Order> refundOrphanCapture(Order o, ChargeResult r) {
        log.warn("order {} was cancelled while its payment was captured; refunding {} {}", o.orderNumber(),
                r.capturedMinor(), o.totals().currency());
        return payments.named(o.payment().provider()).refund(new PaymentProvider.RefundRequest("refund-orphan-" + o.id(),
                        r.intentId(), r.captureId(), r.capturedMinor(), o.totals().currency()))
                .flatMap(ref -> store.update(o.id(), Criteria.where("payment.status").ne("REFUNDED"), new Update()
                        .set("payment.status", "REFUNDED").set("payment.intentId", r.intentId())
                        .set("payment.captureId", r.captureId()).set("payment.capturedMinor", r.capturedMinor())
                        .set("payment.refundedMinor", r.capturedMinor())
                        .push("timeline", new Order.TimelineEntry(clock.instant(), OrderStatus.CANCELLED, OrderStatus.CANCELLED,
                                "system", "a capture that arrived after cancellation was refunded (" + ref.refundId() + ")"))))
                .defaultIfEmpty(o);
    }

    /** The provider refused, or kept failing: PaymentFailed, then the order is cancelled and its stock released. */
    public Mono<Order> failPayment(String orderId, String eventId, String intentId, String code, String message,
                                   boolean transientFailure, int tries, String cancelCode) {
        Instant now = clock.instant();
        return store.byId(orderId).filter(o -> o.status() == OrderStatus.STOCK_CONFIRMED).flatMap(o -> {
            int attempts = o.payment().attempts() + tries;
            Update u = new Update().set("payment.status", transientFailure ? "FAILED" : "DECLINED")
                    .set("payment.failureCode", code).set("payment.failureMessage", message)
                    .set("payment.attempts", attempts).set("payment.lastAttemptAt", now);
            if (intentId != null) {
                u.set("payment.intentId", intentId);
            }
            String detail = (transientFailure ? "the payment provider kept failing (" : "the payment was declined (")
                    + code + (message == null ? ")" : "): " + message);
            return cancel(o, OrderStore.at(OrderStatus.STOCK_CONFIRMED, eventId), eventId,
                    new Order.Cancellation(cancelCode, detail, List.of(), "payment:" + o.payment().provider(), now), u,
                    events.create(OrderEvents.TOPIC, OrderEvents.PaymentFailed.TYPE, orderId, new OrderEvents.PaymentFailed(orderId,
                            o.orderNumber(), o.payment().provider(), code, message, transientFailure, attempts, o.totals().total(), now)));
        });
    }

    /** The saga gives up on an unpaid order: CANCELLED with the reason, OrderCancelled releases stock and restores the cart. */
    public Mono<Order> cancel(Order o, Criteria guard, String eventId, Order.Cancellation why) {
        return cancel(o, guard, eventId, why, new Update());
    }

    private Mono<Order> cancel(Order o, Criteria guard, String eventId, Order.Cancellation why, Update u,
                               com.glowglitch.platform.events.OutboxEntry... before) {
        OrderEvents.OrderCancelled event = OrderEvents.OrderCancelled.of(o, why.code() + ": " + why.detail(), 0, why.actor(), why.at());
        com.glowglitch.platform.events.OutboxEntry[] all = java.util.Arrays.copyOf(before, before.length + 1);
        all[before.length] = events.create(OrderEvents.TOPIC, OrderEvents.OrderCancelled.TYPE, o.id(), event);
        return store.move(o.id(), guard, o.status(), OrderStatus.CANCELLED, why.actor(), why.code() + ": " + why.detail(),
                        OrderStore.seen(u.set("cancellation", why), eventId), all)
                .doOnNext(x -> {
                    cancelled.increment();
                    log.info("order {} cancelled: {}: {}", o.orderNumber(), why.code(), why.detail());
                });
    }
}
