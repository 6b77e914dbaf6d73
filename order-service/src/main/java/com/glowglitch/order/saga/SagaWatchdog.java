package com.glowglitch.order.saga;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.glowglitch.order.config.OrderProperties;
import com.glowglitch.order.order.Order;
import com.glowglitch.order.order.OrderCommands;
import com.glowglitch.order.order.OrderStatus;
import com.glowglitch.order.order.OrderStore;
import com.glowglitch.platform.jobs.PeriodicJob;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

/**
 * Finds orders whose saga step is overdue and moves them on: a PENDING order the catalog never
 * answered is cancelled ({@code stock-timeout}); a stock-confirmed order whose payment round
 * failed, or whose provider never confirmed, gets another round until the rounds are used up
 * ({@code payment-timeout}); a refund the provider could not take is asked for again. The gauge
 * {@code orders.stuck} counts orders past their deadline at the start of each pass.
 */
@Component
public class SagaWatchdog extends PeriodicJob {

    private static final Logger log = LoggerFactory.getLogger(SagaWatchdog.class);
    static final Set<OrderStatus> WATCHED = EnumSet.of(OrderStatus.PENDING, OrderStatus.STOCK_CONFIRMED, OrderStatus.REFUND_REQUESTED);

    private final OrderStore store;
    private final Saga saga;
    private final OrderCommands commands;
    private final Clock clock;
    private final OrderProperties props;
    private final AtomicLong stuck = new AtomicLong();

    public SagaWatchdog(OrderStore store, Saga saga, OrderCommands commands, Clock clock, OrderProperties props,
                        MeterRegistry meters) {
        super("stuck-saga watchdog", props.watchdogInterval());
        this.store = store;
        this.saga = saga;
        this.commands = commands;
        this.clock = clock;
        this.props = props;
        Gauge.builder("orders.stuck", stuck, AtomicLong::get)
                .description("orders past their saga deadline (pending stock, payment or refund)").register(meters);
    }

    @Override
    public Mono<Long> runOnce() {
        Instant now = clock.instant();
        // one read of the overdue orders serves both the gauge and the pass
        return store.overdue(WATCHED, now).collectList().doOnNext(list -> stuck.set(list.size()))
                .flatMapMany(reactor.core.publisher.Flux::fromIterable)
                .concatMap(o -> unstick(o, now).onErrorResume(e -> {
                    log.warn("watchdog could not move order {} on: {}", o.orderNumber(), e.toString());
                    return Mono.empty();
                }))
                .count();
    }

    private Mono<Order> unstick(Order o, Instant now) {
        return switch (o.status()) {
            case PENDING -> saga.cancel(o, OrderStore.at(OrderStatus.PENDING, null).and("deadline").lt(now), null,
                    new Order.Cancellation("stock-timeout", "the catalog did not confirm stock within "
                            + props.stockTimeout().toSeconds() + " s", List.of(), "watchdog", now));
            case STOCK_CONFIRMED -> {
                if ("PROCESSING".equals(o.payment().status()) || o.payment().attempts() >= props.paymentAttempts() * props.paymentRounds()) {
                    // a capture that still arrives later finds the order cancelled and is refunded at once
                    yield saga.failPayment(o.id(), null, o.payment().intentId(), "payment-timeout",
                            "no payment confirmation within " + props.paymentTimeout().toSeconds() + " s", true, 0, "payment-timeout");
                }
                // the next round: push the deadline first so that two passes do not run it at once
                yield store.update(o.id(), OrderStore.at(OrderStatus.STOCK_CONFIRMED, null).and("deadline").is(o.deadline()),
                                new org.springframework.data.mongodb.core.query.Update().set("deadline", now.plus(props.paymentTimeout())))
                        .flatMap(saga::pay);
            }
            case REFUND_REQUESTED -> Mono.justOrEmpty(o.refunds().stream().filter(r -> "REQUESTED".equals(r.status())).findFirst())
                    .flatMap(r -> commands.completeRefund(o, r.refundId()));
            default -> Mono.empty();
        };
    }
}
