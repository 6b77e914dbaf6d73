package com.glowglitch.order.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import com.glowglitch.platform.money.Charges;

/**
 * {@code glowglitch.order.*}: where the cart is, the charge rules, and the saga's clocks.
 *
 * @param stockTimeout       how long an order may wait for the catalog's answer before it is cancelled
 * @param paymentTimeout     how long a stock-confirmed order may wait for its payment (a provider's webhook) per round
 * @param paymentAttempts    tries of one payment round against transient provider errors (with back-off)
 * @param paymentBackoff     the first back-off between those tries (doubling)
 * @param paymentRounds      rounds (the first, then the watchdog's) before the order is cancelled
 * @param watchdogInterval   how often the stuck-saga watchdog looks
 */
@ConfigurationProperties("glowglitch.order")
public record OrderProperties(@DefaultValue("http://localhost:8083") String cartUrl,
                              @DefaultValue("3s") Duration cartTimeout,
                              @DefaultValue("USD") String currency,
                              @DefaultValue("800") int taxRateBps,
                              @DefaultValue("995") long flatShippingMinor,
                              @DefaultValue("15000") long freeShippingFromMinor,
                              @DefaultValue("30s") Duration stockTimeout,
                              @DefaultValue("60s") Duration paymentTimeout,
                              @DefaultValue("3") int paymentAttempts,
                              @DefaultValue("200ms") Duration paymentBackoff,
                              @DefaultValue("3") int paymentRounds,
                              @DefaultValue("5s") Duration watchdogInterval) {

    public Charges.Rules charges() {
        return new Charges.Rules(currency, taxRateBps, flatShippingMinor, freeShippingFromMinor);
    }
}
