package com.glowglitch.cart.cart;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.springframework.data.annotation.Id;

import com.glowglitch.platform.web.ApiException;

/**
 * A shopper's cart. {@code owner} is the token subject (a user id, or {@code guest-…} for a guest
 * token); {@code activeOwner} repeats it only while the cart is ACTIVE, and a unique sparse index
 * on it keeps one active cart per owner even when two first requests race.
 */
public record Cart(@Id String id, String owner, boolean guest, CartStatus status, String activeOwner,
                   List<CartLine> lines, String currency, AppliedDiscount discount, Instant createdAt, Instant updatedAt,
                   Instant lastActivityAt, boolean abandoned, Instant abandonedAt, Instant recoveredAt,
                   OrderRef order, boolean restorable, String mergedInto, List<String> mergedFrom, long version) {

    /** The order a converted cart became. */
    public record OrderRef(String orderId, String orderNumber) {
    }

    public Cart {
        lines = lines == null ? List.of() : List.copyOf(lines);
        mergedFrom = mergedFrom == null ? List.of() : List.copyOf(mergedFrom);
    }

    public static Cart open(String id, String owner, boolean guest, Instant now) {
        return new Cart(id, owner, guest, CartStatus.ACTIVE, owner, List.of(), null, null, now, now, now, false, null, null,
                null, false, null, List.of(), 0);
    }

    /** The same cart (same version) seen with other lines, before they are written. */
    public Cart withLines(List<CartLine> next) {
        return new Cart(id, owner, guest, status, activeOwner, next, currency, discount, createdAt, updatedAt, lastActivityAt,
                abandoned, abandonedAt, recoveredAt, order, restorable, mergedInto, mergedFrom, version);
    }

    public Optional<CartLine> line(String lineId) {
        return lines.stream().filter(l -> l.id().equals(lineId)).findFirst();
    }

    public Optional<CartLine> sameItem(String sku, CartLine.LineOptions options, CartLine.CustomizationRef customization) {
        return lines.stream().filter(l -> l.sameItemAs(sku, options, customization)).findFirst();
    }

    public int itemCount() {
        return lines.stream().mapToInt(CartLine::quantity).sum();
    }

    /** Only an active cart changes; a converted one is a record of what was bought. */
    public void requireOpen() {
        if (status != CartStatus.ACTIVE) {
            throw ApiException.unprocessable("cart-closed", "this cart is " + status.name().toLowerCase() + " and cannot change");
        }
    }

    /** The lines after adding {@code line}, checked against the limits and the cart's currency. */
    public List<CartLine> plus(CartLine line, Limits limits) {
        if (currency != null && !lines.isEmpty() && !currency.equals(line.unitPrice().currency())) {
            throw ApiException.unprocessable("currency-mismatch", "this cart is priced in " + currency);
        }
        List<CartLine> next = new ArrayList<>(lines);
        next.add(line);
        limits.check(next);
        return next;
    }

    public List<CartLine> replacing(String lineId, UnaryOperator<CartLine> change, Limits limits) {
        List<CartLine> next = lines.stream().map(l -> l.id().equals(lineId) ? change.apply(l) : l).toList();
        limits.check(next);
        return next;
    }

    public List<CartLine> without(String lineId) {
        return lines.stream().filter(l -> !l.id().equals(lineId)).toList();
    }

    /** How much one cart may hold: per line, distinct lines, and items in all. */
    public record Limits(int perLine, int lines, int items) {

        public void check(List<CartLine> next) {
            for (CartLine l : next) {
                if (l.quantity() > perLine) {
                    throw ApiException.unprocessable("quantity-limit", "at most " + perLine + " of one item per cart");
                }
            }
            if (next.size() > lines) {
                throw ApiException.unprocessable("cart-full", "a cart holds at most " + lines + " different items");
            }
            if (next.stream().mapToInt(CartLine::quantity).sum() > items) {
                throw ApiException.unprocessable("cart-full", "a cart holds at most " + items + " pieces");
            }
        }
    }
}
