package com.glowglitch.order.order;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where an order is. The saga moves it {@code PENDING → STOCK_CONFIRMED → PAID} or to
 * {@code CANCELLED}; fulfilment moves a paid order {@code PROCESSING → SHIPPED → DELIVERED}; a
 * delivered one may be returned ({@code RETURN_REQUESTED → RETURNED}); money goes back through
 * {@code REFUND_REQUESTED → REFUNDED | PARTIALLY_REFUNDED}.
 *
 * <p>A partly refunded order still has goods on their way, so from {@code PARTIALLY_REFUNDED} the
 * fulfilment moves that its fulfilment stage allows stay open (a line refunded before shipping does
 * not stop the rest from shipping).
 */
public enum OrderStatus {
    PENDING, STOCK_CONFIRMED, PAID, PROCESSING, SHIPPED, DELIVERED, CANCELLED,
    REFUND_REQUESTED, REFUNDED, PARTIALLY_REFUNDED, RETURN_REQUESTED, RETURNED;

    private static final Map<OrderStatus, Set<OrderStatus>> NEXT = Map.ofEntries(
            Map.entry(PENDING, EnumSet.of(STOCK_CONFIRMED, CANCELLED)),
            Map.entry(STOCK_CONFIRMED, EnumSet.of(PAID, CANCELLED)),
            Map.entry(PAID, EnumSet.of(PROCESSING, SHIPPED, CANCELLED, REFUND_REQUESTED)),
            Map.entry(PROCESSING, EnumSet.of(SHIPPED, CANCELLED, REFUND_REQUESTED)),
            Map.entry(SHIPPED, EnumSet.of(DELIVERED, REFUND_REQUESTED)),
            Map.entry(DELIVERED, EnumSet.of(RETURN_REQUESTED, REFUND_REQUESTED)),
            Map.entry(RETURN_REQUESTED, EnumSet.of(RETURNED)),
            Map.entry(RETURNED, EnumSet.of(REFUND_REQUESTED)),
            Map.entry(REFUND_REQUESTED, EnumSet.of(REFUNDED, PARTIALLY_REFUNDED)),
            Map.entry(PARTIALLY_REFUNDED, EnumSet.of(REFUND_REQUESTED)),
            Map.entry(REFUNDED, EnumSet.noneOf(OrderStatus.class)),
            Map.entry(CANCELLED, EnumSet.noneOf(OrderStatus.class)));

    /** The fulfilment stages an order passes through once paid; the stage is kept while refunds happen. */
    public static final Set<OrderStatus> STAGES = EnumSet.of(PAID, PROCESSING, SHIPPED, DELIVERED, RETURN_REQUESTED, RETURNED);

    /** Whether an order in this status, at fulfilment {@code stage}, may move to {@code to}. */
    public boolean canMoveTo(OrderStatus to, OrderStatus stage) {
        if (NEXT.get(this).contains(to)) {
            return true;
        }
        // a partly refunded order carries on from its fulfilment stage (but is not cancelled: refund the rest)
        return this == PARTIALLY_REFUNDED && stage != null && stage != this && to != CANCELLED
                && NEXT.get(stage).contains(to);
    }

    /** The order waits for a system step (stock, payment, refund) with a deadline the watchdog enforces. */
    public boolean waiting() {
        return this == PENDING || this == STOCK_CONFIRMED || this == REFUND_REQUESTED;
    }

    /** Whether the order had been paid at this status (a cancellation from it must refund). */
    public boolean paid() {
        return this != PENDING && this != STOCK_CONFIRMED && this != CANCELLED;
    }
}
