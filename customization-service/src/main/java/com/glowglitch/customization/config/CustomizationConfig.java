package com.glowglitch.customization.config;

import java.time.Duration;
import java.util.function.Consumer;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.messaging.Message;

import com.glowglitch.contracts.ContractValidation;
import com.glowglitch.customization.events.CustomizationReactions;
import com.glowglitch.platform.events.EventConsumers;
import com.glowglitch.platform.resilience.Breakers;
import com.glowglitch.platform.web.ApiException;

import io.github.resilience4j.timelimiter.TimeLimiterConfig;

@Configuration
@Import(ContractValidation.class)
@EnableConfigurationProperties(CustomizationProperties.class)
public class CustomizationConfig {

    /** The catalog breaker: give up after the catalog timeout; open when half of the last 20 calls failed; retry after 5 s. */
    @Bean
    Customizer<ReactiveResilience4JCircuitBreakerFactory> catalogBreaker(CustomizationProperties props) {
        return factory -> factory.configure(b -> b
                .timeLimiterConfig(TimeLimiterConfig.custom().timeoutDuration(props.getCatalogTimeout()).build())
                .circuitBreakerConfig(Breakers.standard(Duration.ofSeconds(5), ApiException.class).build()), "catalog");
    }

    /** Bound to catalog.events and identity.events (application.yml). */
    @Bean
    Consumer<Message<byte[]>> customizationEvents(EventConsumers consumers, CustomizationReactions reactions) {
        return consumers.consumer(reactions);
    }
}
