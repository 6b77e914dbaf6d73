package com.glowglitch.order.payment;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

import org.springframework.web.reactive.function.client.WebClientRequestException;

import reactor.core.publisher.Mono;

/** What the HTTP adapters share: a bounded wait, and network trouble reported as a transient failure. */
final class ProviderHttp {

    private ProviderHttp() {
    }

    static <T> Mono<T> bounded(Mono<T> call, Duration timeout, String provider) {
        return call.timeout(timeout)
                .onErrorMap(TimeoutException.class, e -> new TransientPaymentException("timeout", provider + " did not answer in " + timeout))
                .onErrorMap(WebClientRequestException.class, e -> new TransientPaymentException("unreachable",
                        provider + " cannot be reached: " + e.getMostSpecificCause().getMessage()));
    }

    /** 429 and 5xx are worth another try; Stripe's 409 means a request with this key is still running. */
    static boolean transientStatus(int status) {
        return status == 429 || status == 409 || status >= 500;
    }

    /** Minor units as the decimal string PayPal wants ("12.34"; "1234" for a currency without minor units). */
    static String decimal(long minor, String currency) {
        int digits = java.util.Currency.getInstance(currency).getDefaultFractionDigits();
        return java.math.BigDecimal.valueOf(minor, Math.max(digits, 0)).toPlainString();
    }

    static long minor(String decimal, String currency) {
        int digits = java.util.Currency.getInstance(currency).getDefaultFractionDigits();
        return new java.math.BigDecimal(decimal).movePointRight(Math.max(digits, 0)).longValueExact();
    }
}
