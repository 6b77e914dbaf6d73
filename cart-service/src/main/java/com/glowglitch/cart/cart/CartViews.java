package com.glowglitch.cart.cart;

import java.time.Clock;

import org.springframework.stereotype.Component;

import com.glowglitch.cart.config.CartProperties;
import com.glowglitch.cart.discount.DiscountCode;
import com.glowglitch.cart.discount.Discounts;

import reactor.core.publisher.Mono;

/** Builds what the storefront sees of a cart, checking its discount code as it is now. */
@Component
public class CartViews {

    private final Totals.Rules rules;
    private final Discounts discounts;
    private final Clock clock;

    public CartViews(CartProperties props, Discounts discounts, Clock clock) {
        this.rules = props.totals();
        this.discounts = discounts;
        this.clock = clock;
    }

    public Mono<CartView> view(Cart c) {
        return (c.discount() == null ? Mono.<DiscountCode>empty() : discounts.find(c.discount().code()))
                .map(live -> CartView.of(c, rules, live, clock.instant()))
                .defaultIfEmpty(CartView.of(c, rules, null, clock.instant()));
    }

    public CartView empty(boolean guest) {
        return CartView.empty(guest, rules);
    }
}
