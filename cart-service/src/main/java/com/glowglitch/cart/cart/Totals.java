package com.glowglitch.cart.cart;

import java.util.List;

/**
 * What a cart costs, in minor units: subtotal of the lines that can be bought, discount,
 * estimated shipping (flat below a free-shipping threshold) and estimated tax (a rate in basis
 * points on the discounted subtotal, rounded half up). The order-service computes the binding
 * amounts at checkout; these are the estimates a shopper sees before.
 */
public record Totals(long subtotalMinor, long discountMinor, long shippingMinor, long taxMinor, long totalMinor,
                     String currency) {

    /** The simple, configurable rules of an estimate. */
    public record Rules(String currency, int taxRateBps, long flatShippingMinor, long freeShippingFromMinor) {

        public Totals of(List<CartLine> lines, long discountMinor) {
            long subtotal = lines.stream().filter(CartLine::counts).mapToLong(CartLine::lineTotalMinor).sum();
            long discount = Math.min(discountMinor, subtotal);
            long taxable = subtotal - discount;
            long shipping = subtotal == 0 || taxable >= freeShippingFromMinor ? 0 : flatShippingMinor;
            long tax = (taxable * taxRateBps + 5_000) / 10_000;
            String cur = lines.isEmpty() ? currency : lines.get(0).unitPrice().currency();
            return new Totals(subtotal, discount, shipping, tax, taxable + shipping + tax, cur);
        }
    }
}
