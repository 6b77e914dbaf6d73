package com.glowglitch.cart.config;

import java.util.function.Consumer;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import com.glowglitch.cart.events.CartReactions;
import com.glowglitch.platform.events.EventConsumers;
import com.glowglitch.platform.resilience.Breakers;


@Configuration
@org.springframework.context.annotation.Import(com.glowglitch.contracts.ContractValidation.class)
@EnableConfigurationProperties(CartProperties.class)
public class CartConfig {

    /**
     * The catalog breaker: give up after the catalog timeout; open when half of the last 20 calls
     * failed (the catalog's 4xx answers are not failures), try again after 5 s.
     */
    @Bean
    Customizer<ReactiveResilience4JCircuitBreakerFactory> catalogBreaker(CartProperties props) {
        return Breakers.serviceCall("catalog", props.getCatalogTimeout());
    }

    /** The customization breaker: the same rules, with the same timeout as the catalog's. */
    @Bean
    Customizer<ReactiveResilience4JCircuitBreakerFactory> customizationBreaker(CartProperties props) {
        return Breakers.serviceCall("customization", props.getCatalogTimeout());
    }

    /** Bound to catalog.events, order.events and identity.events (application.yml). */
    @Bean
    Consumer<Message<byte[]>> cartEvents(EventConsumers consumers, CartReactions reactions) {
        return consumers.consumer(reactions);
    }
}
