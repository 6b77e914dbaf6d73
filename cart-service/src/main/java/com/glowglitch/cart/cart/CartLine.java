package com.glowglitch.cart.cart;

import java.time.Instant;
import java.util.Objects;

import com.glowglitch.platform.money.Money;

/**
 * One line of a cart: what was chosen, the price the shopper was shown (a snapshot from the
 * catalog's price endpoint), and the stock held for it.
 *
 * @param modifiersMinor the options' share of {@code unitPrice}, so a base-price change re-prices the line
 * @param previousUnitPrice the price before a change the shopper has not acknowledged yet, or null
 * @param reservationId the catalog hold, null while the reservation has lapsed
 * @param image the product's first image when the line was added (a thumbnail; may be null)
 */
public record CartLine(String id, String productId, String sku, String name, String slug, String category, int quantity,
                       LineOptions options, CustomizationRef customization, Money unitPrice, long modifiersMinor,
                       Money previousUnitPrice, String reservationId, Instant reservedUntil, LineState state,
                       Instant addedAt, String image) {

    /** The options a shopper chose from the product's offer; each may be null. */
    public record LineOptions(String material, String gemstone, String size, String engraving) {

        public static final LineOptions NONE = new LineOptions(null, null, null, null);
    }

    /** A saved 3D customization of the product, at one version. */
    public record CustomizationRef(String id, int version) {
    }

    /**
     * RESERVED: stock is held. RESERVATION_EXPIRED: the hold lapsed, the shopper can re-reserve.
     * OUT_OF_STOCK: the hold lapsed and the shelf is empty (until stock returns). UNAVAILABLE: the
     * product was withdrawn from sale.
     */
    public enum LineState { RESERVED, RESERVATION_EXPIRED, OUT_OF_STOCK, UNAVAILABLE }

    /** Two lines are the same thing (and merge) when SKU, options and customization are equal. */
    public boolean sameItemAs(String otherSku, LineOptions otherOptions, CustomizationRef otherCustomization) {
        return sku.equals(otherSku) && Objects.equals(orNone(options), orNone(otherOptions))
                && Objects.equals(customization, otherCustomization);
    }

    private static LineOptions orNone(LineOptions o) {
        return o == null ? LineOptions.NONE : o;
    }

    public long lineTotalMinor() {
        return Math.multiplyExact(unitPrice.amountMinor(), quantity);
    }

    /** Whether the line can be bought now, so counts in the totals. */
    public boolean counts() {
        return state != LineState.UNAVAILABLE && state != LineState.OUT_OF_STOCK;
    }

    /** Stock news for this line's SKU: a lapsed line shows whether the shelf can still serve it. */
    public CartLine onStock(String changedSku, long available) {
        if (!sku.equals(changedSku)) {
            return this;
        }
        if (state == LineState.RESERVATION_EXPIRED && available < quantity) {
            return withState(LineState.OUT_OF_STOCK);
        }
        if (state == LineState.OUT_OF_STOCK && available >= quantity) {
            return withState(LineState.RESERVATION_EXPIRED);
        }
        return this;
    }

    public CartLine withQuantity(int q) {
        return new CartLine(id, productId, sku, name, slug, category, q, options, customization, unitPrice, modifiersMinor,
                previousUnitPrice, reservationId, reservedUntil, state, addedAt, image);
    }

    public CartLine withHold(String holdId, Instant until) {
        return new CartLine(id, productId, sku, name, slug, category, quantity, options, customization, unitPrice, modifiersMinor,
                previousUnitPrice, holdId, until, holdId == null ? LineState.RESERVATION_EXPIRED : LineState.RESERVED, addedAt, image);
    }

    public CartLine withState(LineState s) {
        return new CartLine(id, productId, sku, name, slug, category, quantity, options, customization, unitPrice, modifiersMinor,
                previousUnitPrice, s == LineState.RESERVATION_EXPIRED || s == LineState.OUT_OF_STOCK ? null : reservationId,
                s == LineState.RESERVATION_EXPIRED || s == LineState.OUT_OF_STOCK ? null : reservedUntil, s, addedAt, image);
    }

    /**
     * The product's base price changed: the line costs the new base plus its options. The price
     * the shopper last saw is kept (once) until they acknowledge the change.
     */
    public CartLine repriced(Money newBase) {
        Money now = Money.of(newBase.amountMinor() + modifiersMinor, newBase.currency());
        if (now.equals(unitPrice)) {
            return this;
        }
        Money seen = previousUnitPrice != null ? previousUnitPrice : unitPrice;
        return new CartLine(id, productId, sku, name, slug, category, quantity, options, customization, now, modifiersMinor,
                seen.equals(now) ? null : seen, reservationId, reservedUntil, state, addedAt, image);
    }

    public CartLine acknowledged() {
        return previousUnitPrice == null ? this : new CartLine(id, productId, sku, name, slug, category, quantity, options,
                customization, unitPrice, modifiersMinor, null, reservationId, reservedUntil, state, addedAt, image);
    }
}
