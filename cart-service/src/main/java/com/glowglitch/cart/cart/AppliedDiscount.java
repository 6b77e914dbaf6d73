package com.glowglitch.cart.cart;

import java.util.List;

/**
 * The terms of a discount code as they were when the shopper applied it, so the cart can show
 * its effect without a lookup: percentage (basis points) or fixed amount, minimum subtotal,
 * optional restriction to products or categories.
 */
public record AppliedDiscount(String code, String kind, int percentBps, long amountOffMinor, long minSubtotalMinor,
                              List<String> productIds, List<String> categories, java.time.Instant endsAt) {

    public AppliedDiscount {
        productIds = productIds == null ? List.of() : List.copyOf(productIds);
        categories = categories == null ? List.of() : List.copyOf(categories);
    }

    public boolean covers(CartLine l) {
        boolean anyRestriction = !productIds.isEmpty() || !categories.isEmpty();
        return !anyRestriction || productIds.contains(l.productId()) || (l.category() != null && categories.contains(l.category()));
    }

    /** Why the code does nothing for these lines now, or null when it applies. */
    public String notApplicable(List<CartLine> lines, java.time.Instant now) {
        if (endsAt != null && !now.isBefore(endsAt)) {
            return "expired";
        }
        List<CartLine> counted = lines.stream().filter(CartLine::counts).toList();
        if (counted.stream().mapToLong(CartLine::lineTotalMinor).sum() < minSubtotalMinor) {
            return "below-minimum";
        }
        if (counted.stream().noneMatch(this::covers)) {
            return "not-applicable";
        }
        return null;
    }

    /** The discount on these lines in minor units (0 below the minimum subtotal), never more than what it covers. */
    public long amountOn(List<CartLine> lines) {
        List<CartLine> counted = lines.stream().filter(CartLine::counts).toList();
        long subtotal = counted.stream().mapToLong(CartLine::lineTotalMinor).sum();
        if (subtotal < minSubtotalMinor) {
            return 0;
        }
        long eligible = counted.stream().filter(this::covers).mapToLong(CartLine::lineTotalMinor).sum();
        long off = "percentage".equals(kind) ? (eligible * percentBps + 5_000) / 10_000 : amountOffMinor;
        return Math.min(off, eligible);
    }
}
