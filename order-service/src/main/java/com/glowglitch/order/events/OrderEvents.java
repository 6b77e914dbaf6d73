package com.glowglitch.order.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.glowglitch.order.order.Order;
import com.glowglitch.platform.money.Money;

/** The events order-service publishes on {@code order.events}; schemas in contracts/. Subject: orderId. */
public final class OrderEvents {

    public static final String TOPIC = "order.events";

    public record Line(String lineId, String productId, String sku, String name, int quantity, Money unitPrice,
                       Money lineTotal, String reservationId, Order.CustomizationRef customization,
                       Map<String, String> options) {

        public static List<Line> of(Order o) {
            return o.lines().stream().map(l -> new Line(l.lineId(), l.productId(), l.sku(), l.name(), l.quantity(),
                    l.unitPrice(), l.lineTotal(), l.reservationId(), l.customization(), l.options())).toList();
        }
    }

    public record Referral(String code, String clickId) {

        static Referral of(Order o) {
            return o.referral() == null ? null : new Referral(o.referral().code(), o.referral().clickId());
        }
    }

    private static Money money(long minor, Order o) {
        return Money.of(minor, o.totals().currency());
    }

    /** The shopper checked out; the catalog commits the stock. */
    public record OrderPlaced(String orderId, String orderNumber, String cartId, String userId, List<Line> lines,
                              Money subtotal, String discountCode, Money discount, Money shipping, Money tax, Money total,
                              Referral referral, Instant placedAt) {
        public static final String TYPE = "OrderPlaced";

        public static OrderPlaced of(Order o) {
            Order.Totals t = o.totals();
            return new OrderPlaced(o.id(), o.orderNumber(), o.cartId(), o.userId(), Line.of(o), money(t.subtotalMinor(), o),
                    t.discountCode(), money(t.discountMinor(), o), money(t.shippingMinor(), o), money(t.taxMinor(), o),
                    t.total(), Referral.of(o), o.placedAt());
        }
    }

    /** The catalog committed every line's stock; payment comes next. */
    public record OrderStockConfirmed(String orderId, String orderNumber, Money total, Instant confirmedAt) {
        public static final String TYPE = "OrderStockConfirmed";
    }

    public record Payment(String provider, String intentId, String brand, String last4) {
    }

    /** Payment captured. Carries the referral attribution and line totals the creator program pays commission on. */
    public record OrderPaid(String orderId, String orderNumber, String cartId, String userId, List<Line> lines,
                            String discountCode, Money discount, Money total, Referral referral, Payment payment,
                            Instant paidAt) {
        public static final String TYPE = "OrderPaid";

        public static OrderPaid of(Order o, Order.Payment p, Instant at) {
            return new OrderPaid(o.id(), o.orderNumber(), o.cartId(), o.userId(), Line.of(o), o.totals().discountCode(),
                    money(o.totals().discountMinor(), o), o.totals().total(), Referral.of(o),
                    new Payment(p.provider(), p.intentId(), p.brand(), p.last4()), at);
        }
    }

    /** The provider refused or kept failing; the order is cancelled right after. */
    public record PaymentFailed(String orderId, String orderNumber, String provider, String failureCode, String message,
                                boolean transientFailure, int attempts, Money amount, Instant failedAt) {
        public static final String TYPE = "PaymentFailed";
    }

    /** The order ended without a sale (or was cancelled after payment and refunded in full). */
    public record OrderCancelled(String orderId, String orderNumber, String cartId, String userId, String reason,
                                 boolean paid, Money refunded, String discountCode, String cancelledBy, Instant cancelledAt) {
        public static final String TYPE = "OrderCancelled";

        public static OrderCancelled of(Order o, String reason, long refundedMinor, String actor, Instant at) {
            return new OrderCancelled(o.id(), o.orderNumber(), o.cartId(), o.userId(), reason, o.status().paid(),
                    money(refundedMinor, o), o.totals().discountCode(), actor, at);
        }
    }

    public record OrderShipped(String orderId, String orderNumber, String userId, String shipmentId, String carrier,
                               String trackingNumber, Instant shippedAt) {
        public static final String TYPE = "OrderShipped";
    }

    /** Delivered: the buyer may now review the products as a verified purchase. */
    public record OrderDelivered(String orderId, String orderNumber, String userId, List<String> productIds,
                                 Instant deliveredAt) {
        public static final String TYPE = "OrderDelivered";
    }

    public record RefundedLine(String lineId, String productId, String sku, int quantity, Money amount) {
    }

    /** Money went back to the buyer; {@code restock} says whether the refunded units return to the shelf. */
    public record OrderRefunded(String orderId, String orderNumber, String userId, String refundId, Money amount,
                                List<RefundedLine> lines, boolean restock, boolean full, Money totalRefunded,
                                String reason, Instant refundedAt) {
        public static final String TYPE = "OrderRefunded";
    }

    public record OrderReturned(String orderId, String orderNumber, String userId, String reason, Instant returnedAt) {
        public static final String TYPE = "OrderReturned";
    }

    private OrderEvents() {
    }
}
