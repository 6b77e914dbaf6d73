package com.glowglitch.cart.events;

import java.util.List;
import java.util.function.UnaryOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import com.glowglitch.cart.cart.Cart;
import com.glowglitch.cart.cart.CartLifecycle;
import com.glowglitch.cart.cart.CartLine;
import com.glowglitch.cart.discount.Discounts;
import com.glowglitch.cart.wishlist.WishlistReactions;
import com.glowglitch.cart.cart.CartStore;
import com.glowglitch.platform.events.EventHandler;
import com.glowglitch.platform.events.IncomingEvent;
import com.glowglitch.platform.money.Money;
import com.glowglitch.platform.mongo.OnConflict;

import reactor.core.publisher.Mono;

/**
 * What other contexts' events do to carts. Each reaction sets lines to a state computed from the
 * event (a new price, unavailable, reservation expired), so a redelivered event finds nothing
 * left to change: these handlers are idempotent without remembering event ids.
 */
@Component
public class CartReactions implements EventHandler {

    private static final Logger log = LoggerFactory.getLogger(CartReactions.class);

    private final CartStore store;
    private final CartLifecycle lifecycle;
    private final Discounts discounts;

    private final WishlistReactions wishlists;

    public CartReactions(CartStore store, CartLifecycle lifecycle, Discounts discounts, WishlistReactions wishlists) {
        this.wishlists = wishlists;
        this.store = store;
        this.lifecycle = lifecycle;
        this.discounts = discounts;
    }

    @Override
    public Mono<Void> handle(IncomingEvent e) {
        return switch (e.type()) {
            case "PriceChanged" -> {
                Money price = money(e.data().get("newPrice"));
                String productId = e.data().get("productId").asString();
                yield eachCartWith(productId, l -> l.productId().equals(productId) ? l.repriced(price) : l)
                        .then(wishlists.priceChanged(productId, price));
            }
            case "ProductArchived" -> {
                String productId = e.data().get("productId").asString();
                yield eachCartWith(productId, l -> l.productId().equals(productId) ? l.withState(CartLine.LineState.UNAVAILABLE) : l)
                        .then(wishlists.archived(productId));
            }
            case "InventoryReleased" -> "expired".equals(e.data().get("reason").asString())
                    ? reservationExpired(e.data().get("reservationId").asString()) : Mono.empty();
            case "OrderPlaced" -> lifecycle.converted(text(e, "cartId"), text(e, "orderId"), text(e, "orderNumber"));
            case "OrderPaid" -> lifecycle.paid(text(e, "cartId"), text(e, "orderId"), text(e, "orderNumber"), money(e.data().get("total")))
                    .then(discounts.redeem(text(e, "orderId"), text(e, "discountCode"), text(e, "userId"), text(e, "cartId")).then());
            case "OrderCancelled" -> lifecycle.cancelled(text(e, "cartId"), text(e, "orderId"), e.data().get("paid").asBoolean())
                    .then(discounts.release(text(e, "orderId")));
            case "StockChanged", "LowStock" -> {
                String productId = text(e, "productId");
                String sku = text(e, "sku");
                long available = e.data().get("available").asLong();
                yield eachCartWith(productId, l -> l.onStock(sku, available))
                        .then(wishlists.stockChanged(productId, sku, available));
            }
            case "UserErased" -> store.deleteOwnedBy(text(e, "userId")).zipWith(wishlists.erased(text(e, "userId")))
                    .doOnNext(n -> log.info("erased {} cart(s) and {} wishlist(s) of an erased user", n.getT1(), n.getT2())).then();
            default -> Mono.empty();
        };
    }

    private static String text(IncomingEvent e, String field) {
        tools.jackson.databind.JsonNode v = e.data().get(field);
        return v == null || v.isNull() ? null : v.asString();
    }

    private static Money money(tools.jackson.databind.JsonNode m) {
        return new Money(m.get("amountMinor").asLong(), m.get("currency").asString());
    }

    private Mono<Void> eachCartWith(String productId, UnaryOperator<CartLine> change) {
        return store.activeWithProduct(productId).flatMap(c -> apply(c.id(), change), 4).then();
    }

    private Mono<Void> reservationExpired(String reservationId) {
        return store.withReservation(reservationId).flatMap(c -> apply(c.id(), l -> reservationId.equals(l.reservationId())
                ? l.withState(CartLine.LineState.RESERVATION_EXPIRED) : l)).then();
    }

    /** Re-reads and retries when the shopper changed the cart at the same moment. */
    private Mono<Cart> apply(String cartId, UnaryOperator<CartLine> change) {
        return OnConflict.retry(() -> store.byId(cartId).flatMap(cart -> {
            List<CartLine> next = cart.lines().stream().map(change).toList();
            return next.equals(cart.lines()) ? Mono.just(cart) : store.write(cart, next, new Update(), false);
        }), 5);
    }

}
