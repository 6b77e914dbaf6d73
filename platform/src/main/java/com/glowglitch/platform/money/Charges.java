package com.glowglitch.platform.money;

/**
 * What a basket costs in minor units: subtotal, discount (never more than the subtotal), shipping
 * (flat below a free-shipping threshold, none for an empty basket) and tax (a rate in basis points
 * on the discounted subtotal, rounded half up), and the total. The cart shows these as estimates;
 * the order computes the binding amounts at checkout with the same rules.
 */
public record Charges(long subtotalMinor, long discountMinor, long shippingMinor, long taxMinor, long totalMinor,
                      String currency) {

    /** The simple, configurable rules. */
    public record Rules(String currency, int taxRateBps, long flatShippingMinor, long freeShippingFromMinor) {

        public Charges of(long subtotalMinor, long discountMinor, String currency) {
            long discount = Math.min(discountMinor, subtotalMinor);
            long taxable = subtotalMinor - discount;
            long shipping = subtotalMinor == 0 || taxable >= freeShippingFromMinor ? 0 : flatShippingMinor;
            long tax = (taxable * taxRateBps + 5_000) / 10_000;
            return new Charges(subtotalMinor, discount, shipping, tax, taxable + shipping + tax,
                    currency != null ? currency : this.currency);
        }
    }
}
