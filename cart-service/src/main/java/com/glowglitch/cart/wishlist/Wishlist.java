package com.glowglitch.cart.wishlist;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.data.annotation.Id;

import com.glowglitch.cart.cart.CartLine;
import com.glowglitch.platform.money.Money;

/**
 * A named list of pieces a shopper saves. Privacy: {@code private} (owner only), {@code unlisted}
 * (anyone with the share link: an unguessable token), {@code public} (any signed-in shopper by id,
 * and the share link). {@code slot} (0–49) is unique per owner: it is how the 50-list limit holds
 * when several lists are created at once.
 */
public record Wishlist(@Id String id, String owner, int slot, String name, String privacy, String shareToken, List<Item> items,
                       Instant createdAt, Instant updatedAt, long version) {

    public static final String PRIVATE = "private";
    public static final String UNLISTED = "unlisted";
    public static final String PUBLIC = "public";

    public Wishlist {
        items = items == null ? List.of() : List.copyOf(items);
    }

    public Optional<Item> item(String itemId) {
        return items.stream().filter(i -> i.id().equals(itemId)).findFirst();
    }

    public boolean shareable() {
        return !PRIVATE.equals(privacy);
    }

    /**
     * A saved piece with the price it had when last seen ({@code lastPrice}, the baseline of price
     * alerts) and whether it was out of stock when last heard of (the baseline of back-in-stock alerts).
     */
    public record Item(String id, String productId, String sku, String name, String slug, CartLine.LineOptions options,
                       CartLine.CustomizationRef customization, String note, long modifiersMinor, Money lastPrice,
                       PriceAlert priceAlert, boolean backInStockAlert, boolean outOfStock, boolean unavailable,
                       Instant addedAt) {

        public Item withNote(String n) {
            return new Item(id, productId, sku, name, slug, options, customization, n, modifiersMinor, lastPrice, priceAlert,
                    backInStockAlert, outOfStock, unavailable, addedAt);
        }

        public Item withAlerts(PriceAlert p, boolean backInStock) {
            return new Item(id, productId, sku, name, slug, options, customization, note, modifiersMinor, lastPrice, p,
                    backInStock, outOfStock, unavailable, addedAt);
        }

        public Item withPrice(Money price) {
            return new Item(id, productId, sku, name, slug, options, customization, note, modifiersMinor, price, priceAlert,
                    backInStockAlert, outOfStock, unavailable, addedAt);
        }

        public Item withOutOfStock(boolean out) {
            return new Item(id, productId, sku, name, slug, options, customization, note, modifiersMinor, lastPrice, priceAlert,
                    backInStockAlert, out, unavailable, addedAt);
        }

        public Item withUnavailable() {
            return new Item(id, productId, sku, name, slug, options, customization, note, modifiersMinor, lastPrice, priceAlert,
                    backInStockAlert, outOfStock, true, addedAt);
        }

        /** Whether a move from {@code lastPrice} to {@code now} is a drop this item's alert fires for. */
        public boolean alertsOn(Money now) {
            if (priceAlert == null || lastPrice == null || now.amountMinor() >= lastPrice.amountMinor()) {
                return false;
            }
            if (PriceAlert.BELOW.equals(priceAlert.kind())) {
                long target = priceAlert.targetMinor();
                // fires when the price crosses under the target, once per crossing
                return now.amountMinor() <= target && lastPrice.amountMinor() > target;
            }
            return true;
        }
    }

    /** {@code any-drop}: every price drop; {@code below}: when the price falls to or under {@code targetMinor}. */
    public record PriceAlert(String kind, long targetMinor) {
        public static final String ANY_DROP = "any-drop";
        public static final String BELOW = "below";
    }
}
