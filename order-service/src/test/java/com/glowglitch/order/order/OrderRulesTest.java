package com.glowglitch.order.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import com.glowglitch.platform.money.Charges;
import com.glowglitch.platform.money.Money;
import com.glowglitch.platform.web.ApiException;

/** The order's own rules, without Spring: the state machine and the refund arithmetic. */
class OrderRulesTest {

    @Test
    void theStateMachineAllowsTheLifecycleAndRefusesShortcuts() {
        assertThat(OrderStatus.PENDING.canMoveTo(OrderStatus.STOCK_CONFIRMED, null)).isTrue();
        assertThat(OrderStatus.PENDING.canMoveTo(OrderStatus.PAID, null)).isFalse();
        assertThat(OrderStatus.STOCK_CONFIRMED.canMoveTo(OrderStatus.CANCELLED, null)).isTrue();
        assertThat(OrderStatus.PAID.canMoveTo(OrderStatus.CANCELLED, OrderStatus.PAID)).isTrue();
        assertThat(OrderStatus.SHIPPED.canMoveTo(OrderStatus.CANCELLED, OrderStatus.SHIPPED)).isFalse();
        assertThat(OrderStatus.CANCELLED.canMoveTo(OrderStatus.SHIPPED, null)).isFalse();
        assertThat(OrderStatus.CANCELLED.canMoveTo(OrderStatus.REFUND_REQUESTED, null)).isFalse();
        assertThat(OrderStatus.PAID.canMoveTo(OrderStatus.DELIVERED, OrderStatus.PAID)).isFalse();
        assertThat(OrderStatus.DELIVERED.canMoveTo(OrderStatus.RETURN_REQUESTED, OrderStatus.DELIVERED)).isTrue();
        assertThat(OrderStatus.RETURN_REQUESTED.canMoveTo(OrderStatus.RETURNED, OrderStatus.RETURN_REQUESTED)).isTrue();
        assertThat(OrderStatus.REFUNDED.canMoveTo(OrderStatus.REFUND_REQUESTED, OrderStatus.PAID)).isFalse();
        // a partly refunded order carries on from its fulfilment stage, but is not cancelled
        assertThat(OrderStatus.PARTIALLY_REFUNDED.canMoveTo(OrderStatus.SHIPPED, OrderStatus.PAID)).isTrue();
        assertThat(OrderStatus.PARTIALLY_REFUNDED.canMoveTo(OrderStatus.DELIVERED, OrderStatus.PAID)).isFalse();
        assertThat(OrderStatus.PARTIALLY_REFUNDED.canMoveTo(OrderStatus.CANCELLED, OrderStatus.PAID)).isFalse();
    }

    static Order order(long[] unitPrices, int[] quantities, long discount) {
        List<Order.Line> lines = new ArrayList<>();
        long subtotal = 0;
        for (int i = 0; i < unitPrices.length; i++) {
            long total = unitPrices[i] * quantities[i];
            subtotal += total;
            lines.add(new Order.Line("l" + i, "p" + i, "SKU-" + i, "n", "s", null, quantities[i], Map.of(), null,
                    Money.of(unitPrices[i], "USD"), Money.of(total, "USD"), null, 0, 0));
        }
        Charges c = new Charges.Rules("USD", 800, 995, 15_000).of(subtotal, discount, "USD");
        Order.Totals t = new Order.Totals(c.subtotalMinor(), discount > 0 ? "CODE" : null, c.discountMinor(), c.shippingMinor(),
                c.taxMinor(), c.totalMinor(), "USD");
        Order.Payment p = new Order.Payment("sandbox", "pm", "visa", "4242", "pi", "pi", "CAPTURED", c.totalMinor(), c.totalMinor(),
                0, null, null, 1, Instant.EPOCH);
        return new Order("o", "GG-100000", "u", "u", false, null, "c", "c", "s", "h", lines, t, null, null, "US", null,
                OrderStatus.PAID, OrderStatus.PAID, List.of(), p, List.of(), List.of(), null, null, Instant.EPOCH, Instant.EPOCH, 1);
    }

    /** Applies a refund's line amounts to the order as the store would. */
    static Order applied(Order o, List<Order.RefundLine> refund) {
        List<Order.Line> lines = o.lines().stream().map(l -> {
            long q = refund.stream().filter(r -> r.lineId().equals(l.lineId())).mapToLong(Order.RefundLine::quantity).sum();
            long m = refund.stream().filter(r -> r.lineId().equals(l.lineId())).mapToLong(Order.RefundLine::amountMinor).sum();
            return new Order.Line(l.lineId(), l.productId(), l.sku(), l.name(), l.slug(), l.image(), l.quantity(), l.options(), l.customization(),
                    l.unitPrice(), l.lineTotal(), l.reservationId(), l.refundedQuantity() + (int) q, l.refundedMinor() + m);
        }).toList();
        return new Order(o.id(), o.orderNumber(), o.owner(), o.userId(), o.guest(), o.guestEmail(), o.cartId(), o.openCartId(),
                o.idempotencyScope(), o.requestHash(), lines, o.totals(), null, null, "US", null, o.status(), o.stage(), List.of(),
                o.payment(), List.of(), List.of(), null, null, o.placedAt(), o.updatedAt(), o.version());
    }

    @Test
    void aLineRefundIsItsShareOfWhatWasPaidDiscountAndTaxIncluded() {
        // 2 × 12,000 + 1 × 6,000 = 30,000, 10 % code 3,000 off → 27,000 + 8 % tax 2,160 = 29,160 (free shipping)
        Order o = order(new long[] {12_000, 6_000}, new int[] {2, 1}, 3_000);
        assertThat(o.totals().totalMinor()).isEqualTo(29_160);
        assertThat(o.paidPerLine()).containsExactly(23_328, 5_832);
        assertThat(o.refundLines(List.of(new Order.LineRequest("l0", 1)))).singleElement()
                .satisfies(r -> assertThat(r.amountMinor()).isEqualTo(11_664));
        assertThatThrownBy(() -> o.refundLines(List.of(new Order.LineRequest("l0", 3))))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.slug()).isEqualTo("refund-exceeds-quantity"));
        assertThatThrownBy(() -> o.refundLines(List.of(new Order.LineRequest("l0", 1), new Order.LineRequest("l0", 1))))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.slug()).isEqualTo("duplicate-line"));
    }

    /** Whatever the prices and however the units are refunded one request at a time, every cent comes back exactly once. */
    @RepeatedTest(200)
    void refundingEveryUnitInAnyOrderGivesBackExactlyWhatTheLinesPaid() {
        Random rnd = new Random();
        int n = 1 + rnd.nextInt(4);
        long[] prices = new long[n];
        int[] qty = new int[n];
        for (int i = 0; i < n; i++) {
            prices[i] = 1 + rnd.nextInt(50_000);
            qty[i] = 1 + rnd.nextInt(5);
        }
        Order o = order(prices, qty, rnd.nextBoolean() ? rnd.nextInt(5_000) : 0);
        long expected = o.totals().totalMinor() - o.totals().shippingMinor();
        long refunded = 0;
        while (!o.everythingLeft().isEmpty()) {
            Order.LineRequest left = o.everythingLeft().get(rnd.nextInt(o.everythingLeft().size()));
            List<Order.RefundLine> r = o.refundLines(List.of(new Order.LineRequest(left.lineId(), 1 + rnd.nextInt(left.quantity()))));
            assertThat(r.get(0).amountMinor()).isNotNegative();
            refunded += r.get(0).amountMinor();
            o = applied(o, r);
        }
        assertThat(refunded).isEqualTo(expected);
    }
}
