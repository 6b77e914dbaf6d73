package com.glowglitch.cart.catalog;

import java.time.Instant;
import java.util.List;

import com.glowglitch.cart.cart.CartLine;
import com.glowglitch.platform.money.Money;

import reactor.core.publisher.Mono;

/**
 * What the cart needs from the catalog, the owner of prices and stock. Every call carries the
 * shopper's own bearer token. Rule violations come back as the catalog's problems (404, 422
 * out-of-stock, option-not-offered, unknown-sku); a catalog that is down, slow or failing is a
 * 503 {@code catalog-unavailable}.
 */
public interface Catalog {

    /** The price of one configuration of a product's SKU, with the name a line shows. */
    Mono<Quote> quote(String productId, String sku, CartLine.LineOptions options, String token);

    Mono<Hold> reserve(String cartId, String sku, int quantity, String token);

    Mono<Hold> resize(String holdId, int quantity, String token);

    Mono<Hold> refresh(String holdId, String token);

    Mono<Void> release(String holdId, String token);

    /** Gives a hold to another cart, folded into that cart's hold {@code intoHoldId} when not null. */
    Mono<Hold> transfer(String holdId, String toCartId, String intoHoldId, String token);

    record Quote(String productId, String name, String slug, String category, String sku, String status, Money base,
                 List<Modifier> modifiers, Money total, Long available, String image) {

        public long modifiersMinor() {
            return total.amountMinor() - base.amountMinor();
        }
    }

    record Modifier(String kind, String code, String name, long amountMinor) {
    }

    record Hold(String id, String productId, String sku, String cartId, int quantity, Instant expiresAt) {
    }
}
