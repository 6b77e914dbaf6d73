package com.glowglitch.cart.events;

import java.time.Instant;
import java.util.List;

import com.glowglitch.cart.cart.Cart;
import com.glowglitch.cart.cart.CartLine;
import com.glowglitch.platform.money.Money;

/** The events cart-service publishes on {@code cart.events}; schemas in contracts/. Subject: cartId or wishlistId. */
public final class CartEvents {

    public static final String TOPIC = "cart.events";

    public record Line(String productId, String sku, String name, int quantity, Money unitPrice) {

        static List<Line> of(Cart c) {
            return c.lines().stream().filter(CartLine::counts)
                    .map(l -> new Line(l.productId(), l.sku(), l.name(), l.quantity(), l.unitPrice())).toList();
        }
    }

    /** A cart with items idled past the abandonment period; userId is null for guests. */
    public record CartAbandoned(String cartId, String userId, boolean guest, List<Line> lines, Money subtotal,
                                Instant lastActivityAt, Instant abandonedAt) {
        public static final String TYPE = "CartAbandoned";

        public static CartAbandoned of(Cart c, String currency, Instant now) {
            List<Line> lines = Line.of(c);
            long subtotal = lines.stream().mapToLong(l -> l.unitPrice().amountMinor() * l.quantity()).sum();
            return new CartAbandoned(c.id(), c.guest() ? null : c.owner(), c.guest(), lines,
                    Money.of(subtotal, c.currency() != null ? c.currency() : currency), c.lastActivityAt(), now);
        }
    }

    /** An abandoned cart was bought after all. */
    public record CartRecovered(String cartId, String userId, String orderId, String orderNumber, Money total,
                                Instant abandonedAt, Instant recoveredAt) {
        public static final String TYPE = "CartRecovered";
    }

    /** The cart was checked out and is read-only now. */
    public record CartConverted(String cartId, String userId, String orderId, String orderNumber, int itemCount,
                                Instant convertedAt) {
        public static final String TYPE = "CartConverted";
    }

    /** A watched wishlist item's price dropped (any drop, or under the shopper's target). Subject: wishlistId. */
    public record PriceAlertTriggered(String wishlistId, String itemId, String userId, String productId, String sku,
                                      String name, String slug, String kind, Money oldPrice, Money newPrice, Money targetPrice,
                                      Instant triggeredAt) {
        public static final String TYPE = "PriceAlertTriggered";
    }

    /** A wishlist item that was out of stock can be bought again. Subject: wishlistId. */
    public record BackInStockAlertTriggered(String wishlistId, String itemId, String userId, String productId, String sku,
                                            String name, String slug, long available, Instant triggeredAt) {
        public static final String TYPE = "BackInStockAlertTriggered";
    }

    /** A wishlist became shareable (unlisted or public). The share token is a secret and is not in the event. */
    public record WishlistShared(String wishlistId, String userId, String privacy, int itemCount, Instant sharedAt) {
        public static final String TYPE = "WishlistShared";
    }

    private CartEvents() {
    }
}
