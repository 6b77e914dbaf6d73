package com.glowglitch.cart.cart;

import java.time.Instant;
import java.util.List;

import com.glowglitch.platform.money.Money;

/** A cart as the storefront shows it: lines with their state and hold expiry, and estimated totals. */
public record CartView(String id, String status, boolean guest, List<Line> lines, int itemCount, Discount discount,
                       Totals totals, boolean hasChanges, boolean restorable, Cart.OrderRef order, long version,
                       Instant updatedAt) {

    /** The applied code and what it takes off now; when it does not apply, why (expired, below-minimum, ...). */
    public record Discount(String code, long amountMinor, boolean applicable, String reason) {
    }

    public record Line(String id, String productId, String sku, String name, String slug, int quantity,
                       CartLine.LineOptions options, CartLine.CustomizationRef customization, Money unitPrice,
                       Money lineTotal, boolean priceChanged, Money previousUnitPrice, String state,
                       String reservationId, Instant reservedUntil, String image) {
    }

    /**
     * @param live the code as it is now (null when the cart has none or it was deleted): a code
     *             deactivated or used up since it was applied stops discounting
     */
    public static CartView of(Cart c, Totals.Rules rules, com.glowglitch.cart.discount.DiscountCode live, Instant now) {
        List<Line> lines = c.lines().stream().map(l -> new Line(l.id(), l.productId(), l.sku(), l.name(), l.slug(),
                l.quantity(), l.options(), l.customization(), l.unitPrice(),
                Money.of(l.lineTotalMinor(), l.unitPrice().currency()), l.previousUnitPrice() != null,
                l.previousUnitPrice(), l.state().name().toLowerCase().replace('_', '-'), l.reservationId(),
                l.reservedUntil(), l.image())).toList();
        boolean changes = c.lines().stream().anyMatch(l -> l.previousUnitPrice() != null || l.state() != CartLine.LineState.RESERVED);
        Discount discount = null;
        long off = 0;
        if (c.discount() != null) {
            String why = live == null || !live.active() ? "inactive"
                    : live.remaining() != null && live.remaining() <= 0 ? "exhausted" : c.discount().notApplicable(c.lines(), now);
            off = why == null ? c.discount().amountOn(c.lines()) : 0;
            discount = new Discount(c.discount().code(), off, why == null, why);
        }
        return new CartView(c.id(), c.status().name().toLowerCase(), c.guest(), lines, c.itemCount(), discount,
                rules.of(c.lines(), off), changes, c.restorable(), c.order(), c.version(), c.updatedAt());
    }

    /** A shopper who never added anything has no cart document yet. */
    public static CartView empty(boolean guest, Totals.Rules rules) {
        return new CartView(null, "active", guest, List.of(), 0, null, rules.of(List.of(), 0), false, false, null, 0, null);
    }
}
