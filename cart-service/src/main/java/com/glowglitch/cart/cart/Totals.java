package com.glowglitch.cart.cart;

import java.util.List;

/**
 * What a cart costs, in minor units, by the platform's {@link com.glowglitch.platform.money.Charges}
 * rules over the lines that can be bought. The order-service computes the binding amounts at
 * checkout with the same rules; these are the estimates a shopper sees before.
 */
public record Totals(long subtotalMinor, long discountMinor, long shippingMinor, long taxMinor, long totalMinor,
                     String currency) {

    /** The simple, configurable rules of an estimate. */
    public record Rules(String currency, int taxRateBps, long flatShippingMinor, long freeShippingFromMinor) {

        public Totals of(List<CartLine> lines, long discountMinor) {
            long subtotal = lines.stream().filter(CartLine::counts).mapToLong(CartLine::lineTotalMinor).sum();
            com.glowglitch.platform.money.Charges c = new com.glowglitch.platform.money.Charges.Rules(currency, taxRateBps,
                    flatShippingMinor, freeShippingFromMinor).of(subtotal, discountMinor,
                    lines.isEmpty() ? currency : lines.get(0).unitPrice().currency());
            return new Totals(c.subtotalMinor(), c.discountMinor(), c.shippingMinor(), c.taxMinor(), c.totalMinor(), c.currency());
        }
    }
}
