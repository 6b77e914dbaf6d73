package com.glowglitch.order.order;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.data.annotation.Id;

import com.glowglitch.platform.money.Money;
import com.glowglitch.platform.web.ApiException;

/**
 * An order: what was bought at which price, where it goes, how it was paid, how far it got. The
 * payment, refunds, shipments and timeline live inside the document, so every change of the order
 * and the events it causes are one conditional single-document update (ARCHITECTURE
 * "Consistency").
 *
 * @param owner             the token subject that placed it (a user id or a {@code guest-…} id)
 * @param userId            the user id, null for a guest order
 * @param guestEmail        a guest's e-mail, encrypted
 * @param openCartId        the cart id while the order stands; a unique sparse index keeps one standing order per cart
 * @param idempotencyScope  owner + the checkout request's Idempotency-Key (unique)
 * @param requestHash       SHA-256 of the checkout request, to tell a retry from a different request under the same key
 * @param shippingAddress   encrypted JSON of the address
 * @param billingAddress    encrypted JSON of the address
 * @param stage             the furthest fulfilment status reached (PAID … RETURNED), kept while refunds happen
 * @param deadline          when the saga step the order waits for is overdue (null once the saga finished)
 */
public record Order(@Id String id, String orderNumber, String owner, String userId, boolean guest, String guestEmail,
                    String cartId, String openCartId, String idempotencyScope, String requestHash, List<Line> lines,
                    Totals totals, String shippingAddress, String billingAddress, String shipCountry, Referral referral,
                    OrderStatus status, OrderStatus stage, List<TimelineEntry> timeline, Payment payment,
                    List<Refund> refunds, List<Shipment> shipments, Cancellation cancellation, Instant deadline, Instant placedAt, Instant updatedAt,
                    long version) {

    public Order {
        lines = lines == null ? List.of() : List.copyOf(lines);
        timeline = timeline == null ? List.of() : List.copyOf(timeline);
        refunds = refunds == null ? List.of() : List.copyOf(refunds);
        shipments = shipments == null ? List.of() : List.copyOf(shipments);
    }

    /** One bought item, as the shopper saw it in the cart at checkout ({@code image}: its thumbnail, may be null). */
    public record Line(String lineId, String productId, String sku, String name, String slug, String image, int quantity,
                       Map<String, String> options, CustomizationRef customization, Money unitPrice, Money lineTotal,
                       String reservationId, int refundedQuantity, long refundedMinor) {
    }

    public record CustomizationRef(String id, int version) {
    }

    public record Totals(long subtotalMinor, String discountCode, long discountMinor, long shippingMinor, long taxMinor,
                         long totalMinor, String currency) {

        public Money total() {
            return Money.of(totalMinor, currency);
        }
    }

    public record Referral(String code, String clickId) {
    }

    /** One step of the order's history: who moved it from where to where, and why. */
    public record TimelineEntry(Instant at, OrderStatus from, OrderStatus to, String actor, String reason) {
    }

    /**
     * The payment, as far as the provider told us. Card data never gets here: the method is the
     * provider's token, with the brand and last four digits to show.
     *
     * @param status PENDING (not charged yet), PROCESSING (provider still deciding), CAPTURED, DECLINED, FAILED
     */
    public record Payment(String provider, String methodToken, String brand, String last4, String intentId,
                          String captureId, String status, long authorizedMinor, long capturedMinor, long refundedMinor,
                          String failureCode, String failureMessage, int attempts, Instant lastAttemptAt) {
    }

    /** Money given back: for some units of some lines, or an amount, or everything. */
    public record Refund(String refundId, long amountMinor, List<RefundLine> lines, boolean restock, String reason,
                         String status, String providerRefundId, String actor, Instant requestedAt, Instant completedAt) {
    }

    public record RefundLine(String lineId, String productId, String sku, int quantity, long amountMinor) {
    }

    /**
     * Why the order was cancelled: a stable {@code code} (out-of-stock, payment-declined,
     * payment-failed, stock-timeout, payment-timeout, cancelled-by-customer, cancelled-by-admin),
     * a sentence for people, and the SKUs concerned when lines were at fault.
     */
    public record Cancellation(String code, String detail, List<String> skus, String actor, Instant at) {
    }

    public record Shipment(String shipmentId, String carrier, String trackingNumber, Instant shippedAt, List<TrackingEvent> events) {
    }

    public record TrackingEvent(Instant at, String status, String location, String description) {
    }

    public Optional<Line> line(String lineId) {
        return lines.stream().filter(l -> l.lineId().equals(lineId)).findFirst();
    }

    public long refundableMinor() {
        return payment == null ? 0 : payment.capturedMinor() - payment.refundedMinor();
    }

    /** Refuses a move the state machine does not allow (422, with where the order is). */
    public void requireMove(OrderStatus to) {
        if (!status.canMoveTo(to, stage)) {
            throw ApiException.unprocessable("illegal-transition", "order " + orderNumber + " is "
                    + status.name().toLowerCase() + " and cannot become " + to.name().toLowerCase());
        }
    }

    /**
     * What each line has paid for, in minor units: the total less shipping, shared out over the
     * lines by their line totals, the cents left by rounding going to the first lines. Refunding
     * every unit of every line gives back exactly what the lines cost, discount and tax included.
     */
    public long[] paidPerLine() {
        long goods = totals.totalMinor() - totals.shippingMinor();
        long subtotal = totals.subtotalMinor();
        long[] paid = new long[lines.size()];
        long given = 0;
        for (int i = 0; i < paid.length; i++) {
            paid[i] = subtotal == 0 ? 0 : share(goods, lines.get(i).lineTotal().amountMinor(), subtotal);
            given += paid[i];
        }
        for (int i = 0; given < goods && paid.length > 0; i = (i + 1) % paid.length) {
            paid[i]++;
            given++;
        }
        return paid;
    }

    /** A requested refund of some units of a line. */
    public record LineRequest(String lineId, int quantity) {
    }

    /**
     * The refund for {@code requested} line units: each line's share of what it paid, the last unit
     * of a line taking whatever is left of it so that every cent comes back once and only once.
     */
    public List<RefundLine> refundLines(List<LineRequest> requested) {
        long[] paid = paidPerLine();
        List<RefundLine> out = new ArrayList<>();
        if (requested.stream().map(LineRequest::lineId).distinct().count() < requested.size()) {
            throw ApiException.unprocessable("duplicate-line", "name each line once in a refund");
        }
        for (LineRequest r : requested) {
            int i = indexOf(r.lineId());
            if (i < 0) {
                throw ApiException.unprocessable("unknown-line", "order " + orderNumber + " has no line " + r.lineId());
            }
            Line l = lines.get(i);
            int left = l.quantity() - l.refundedQuantity();
            if (r.quantity() > left) {
                throw ApiException.unprocessable("refund-exceeds-quantity", "line " + l.lineId() + " has " + left
                        + " unit(s) left to refund, not " + r.quantity());
            }
            long amount = r.quantity() == left ? paid[i] - l.refundedMinor() : share(paid[i], r.quantity(), l.quantity());
            out.add(new RefundLine(l.lineId(), l.productId(), l.sku(), r.quantity(), amount));
        }
        return out;
    }

    /** {@code amount × part / whole}, rounded down, without overflow. */
    private static long share(long amount, long part, long whole) {
        return java.math.BigInteger.valueOf(amount).multiply(java.math.BigInteger.valueOf(part))
                .divide(java.math.BigInteger.valueOf(whole)).longValueExact();
    }

    private int indexOf(String lineId) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).lineId().equals(lineId)) {
                return i;
            }
        }
        return -1;
    }

    /** Every unit not refunded yet, line by line (a full refund). */
    public List<LineRequest> everythingLeft() {
        return lines.stream().filter(l -> l.quantity() > l.refundedQuantity())
                .map(l -> new LineRequest(l.lineId(), l.quantity() - l.refundedQuantity())).toList();
    }
}
