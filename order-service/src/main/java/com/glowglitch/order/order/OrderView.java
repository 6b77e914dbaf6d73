package com.glowglitch.order.order;

import java.time.Instant;
import java.util.List;

import com.glowglitch.order.checkout.CheckoutRequest;
import com.glowglitch.platform.crypto.FieldEncryptor;

import tools.jackson.databind.json.JsonMapper;

/**
 * An order as its owner or staff see it: addresses decrypted, the payment reduced to what can be
 * shown (provider, brand, last four, amounts, status) — never the method token.
 */
public record OrderView(String id, String orderNumber, String status, String userId, boolean guest, String email,
                        List<Order.Line> lines, Order.Totals totals, CheckoutRequest.Address shippingAddress,
                        CheckoutRequest.Address billingAddress, Order.Referral referral, Payment payment,
                        List<Order.Refund> refunds, List<Order.Shipment> shipments, Order.Cancellation cancellation,
                        List<Order.TimelineEntry> timeline, Instant placedAt, Instant updatedAt, long version) {

    public record Payment(String provider, String brand, String last4, String status, long capturedMinor,
                          long refundedMinor, String failureCode, String failureMessage, int attempts) {
    }

    public static OrderView of(Order o, FieldEncryptor crypto, JsonMapper json) {
        Order.Payment p = o.payment();
        return new OrderView(o.id(), o.orderNumber(), o.status().name(), o.userId(), o.guest(), crypto.decrypt(o.guestEmail()),
                o.lines(), o.totals(), address(o.shippingAddress(), crypto, json), address(o.billingAddress(), crypto, json),
                o.referral(), p == null ? null : new Payment(p.provider(), p.brand(), p.last4(), p.status(), p.capturedMinor(),
                p.refundedMinor(), p.failureCode(), p.failureMessage(), p.attempts()),
                o.refunds(), o.shipments(), o.cancellation(), o.timeline(), o.placedAt(), o.updatedAt(), o.version());
    }

    private static CheckoutRequest.Address address(String sealed, FieldEncryptor crypto, JsonMapper json) {
        return sealed == null ? null : json.readValue(crypto.decrypt(sealed), CheckoutRequest.Address.class);
    }

    /** A row of an order list: no addresses, no timeline. */
    public record Summary(String orderNumber, String status, int itemCount, Order.Totals totals, Instant placedAt,
                          String userId) {

        public static Summary of(Order o) {
            return new Summary(o.orderNumber(), o.status().name(), o.lines().stream().mapToInt(Order.Line::quantity).sum(),
                    o.totals(), o.placedAt(), o.userId());
        }
    }
}
