package com.glowglitch.order.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code glowglitch.payments.*}: which provider new orders pay with, and how to reach each one.
 * Secrets come from the environment (STRIPE_SECRET_KEY, …); none is in the repository.
 */
@ConfigurationProperties("glowglitch.payments")
public record PaymentProperties(@DefaultValue("sandbox") String provider,
                                @DefaultValue Sandbox sandbox,
                                @DefaultValue Stripe stripe,
                                @DefaultValue PayPal paypal) {

    /** @param enabled whether the sandbox's card-tokenizing endpoint answers (never in production) */
    public record Sandbox(@DefaultValue("true") boolean enabled) {
    }

    /**
     * @param webhookTolerance how old a signed webhook may be (Stripe's own libraries use 5 minutes)
     */
    public record Stripe(@DefaultValue("https://api.stripe.com") String apiBase, String secretKey, String webhookSecret,
                         @DefaultValue("300s") Duration webhookTolerance, @DefaultValue("10s") Duration timeout) {
    }

    public record PayPal(@DefaultValue("https://api-m.sandbox.paypal.com") String apiBase, String clientId,
                         String clientSecret, String webhookId, @DefaultValue("10s") Duration timeout) {
    }
}
