package com.glowglitch.platform.config;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4jBulkheadProvider;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4jBulkheadConfigurationBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.context.annotation.Bean;

import io.github.resilience4j.bulkhead.BulkheadConfig;

/**
 * Bulkheads for calls to other services. Spring Cloud CircuitBreaker wraps every breaker in a
 * Resilience4j bulkhead whose default allows 25 concurrent calls: at 50 add-to-carts a second with
 * a cold JVM answering in ~1 s, that turned healthy traffic away and (counted as failures) opened
 * the gateway's breaker for the cart. The limit is {@code glowglitch.resilience.max-concurrent-calls}
 * (default 256) per callee, failing fast (no waiting for a permit).
 */
@AutoConfiguration
@ConditionalOnClass(ReactiveResilience4jBulkheadProvider.class)
public class PlatformResilienceAutoConfiguration {

    @Bean
    Customizer<ReactiveResilience4jBulkheadProvider> platformBulkheads(
            @Value("${glowglitch.resilience.max-concurrent-calls:256}") int maxConcurrent) {
        return provider -> provider.configureDefault(id -> new Resilience4jBulkheadConfigurationBuilder()
                .bulkheadConfig(BulkheadConfig.custom().maxConcurrentCalls(maxConcurrent).maxWaitDuration(Duration.ZERO).build())
                .build());
    }
}
