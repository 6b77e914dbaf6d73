package com.glowglitch.platform.resilience;

import java.time.Duration;

import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.client.circuitbreaker.Customizer;

import com.glowglitch.platform.web.ApiException;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;

/**
 * The circuit-breaker policy shared by every caller of another service (the gateway's routes,
 * cart → catalog): open when half of the last 20 calls failed (at least 10 seen), let 3 trial
 * calls through after {@code waitOpen}. A call turned away because too many were already in flight
 * (a full bulkhead) says nothing about the callee's health, so it never counts as a failure —
 * otherwise a burst of traffic alone would "open" a healthy service.
 */
public final class Breakers {

    private Breakers() {
    }

    /** @param alsoIgnore answers that are the caller's problem, not the callee's (e.g. its 4xx mapped to exceptions) */
    @SafeVarargs
    public static CircuitBreakerConfig.Builder standard(Duration waitOpen, Class<? extends Throwable>... alsoIgnore) {
        Class<? extends Throwable>[] ignored = java.util.Arrays.copyOf(alsoIgnore, alsoIgnore.length + 1);
        ignored[alsoIgnore.length] = BulkheadFullException.class;
        return CircuitBreakerConfig.custom()
                .slidingWindowSize(20)
                .minimumNumberOfCalls(10)
                .failureRateThreshold(50)
                .waitDurationInOpenState(waitOpen)
                .permittedNumberOfCallsInHalfOpenState(3)
                .ignoreExceptions(ignored);
    }

    /**
     * The breaker named {@code name} of a {@link com.glowglitch.platform.http.ServiceClient} call
     * (cart → catalog, order → cart...): give up after {@code timeout}, the standard policy with a
     * 5 s wait when open, and the callee's own refusals ({@link ApiException}: its 4xx) never count
     * as failures.
     */
    public static Customizer<ReactiveResilience4JCircuitBreakerFactory> serviceCall(String name, Duration timeout) {
        return factory -> factory.configure(b -> b
                .timeLimiterConfig(TimeLimiterConfig.custom().timeoutDuration(timeout).build())
                .circuitBreakerConfig(standard(Duration.ofSeconds(5), ApiException.class).build()), name);
    }
}
