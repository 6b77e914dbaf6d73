package com.glowglitch.cart.cart;

import java.time.Instant;
import java.util.List;

import com.glowglitch.platform.money.Money;

/** A cart as the storefront shows it: lines with their state and hold expiry, and estimated totals. */
public record CartView(String id, String status, boolean guest, List<Line> lines, int itemCount, Totals totals,
                       boolean hasChanges, long version, Instant updatedAt) {

    public record Line(String id, String productId, String sku, String name, String slug, int quantity,
                       CartLine.LineOptions options, CartLine.CustomizationRef customization, Money unitPrice,
                       Money lineTotal, boolean priceChanged, Money previousUnitPrice, String state,
                       String reservationId, Instant reservedUntil) {
    }

    public static CartView of(Cart c, Totals.Rules rules) {
        List<Line> lines = c.lines().stream().map(l -> new Line(l.id(), l.productId(), l.sku(), l.name(), l.slug(),
                l.quantity(), l.options(), l.customization(), l.unitPrice(),
                Money.of(l.lineTotalMinor(), l.unitPrice().currency()), l.previousUnitPrice() != null,
                l.previousUnitPrice(), l.state().name().toLowerCase().replace('_', '-'), l.reservationId(),
                l.reservedUntil())).toList();
        boolean changes = c.lines().stream().anyMatch(l -> l.previousUnitPrice() != null || l.state() != CartLine.LineState.RESERVED);
        return new CartView(c.id(), c.status().name().toLowerCase(), c.guest(), lines, c.itemCount(),
                rules.of(c.lines(), 0), changes, c.version(), c.updatedAt());
    }

    /** A shopper who never added anything has no cart document yet. */
    public static CartView empty(boolean guest, Totals.Rules rules) {
        return new CartView(null, "active", guest, List.of(), 0, rules.of(List.of(), 0), false, 0, null);
    }
}
