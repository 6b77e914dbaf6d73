package com.glowglitch.order.config;

import java.util.function.Consumer;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.messaging.Message;

import com.glowglitch.contracts.ContractValidation;
import com.glowglitch.order.saga.OrderReactions;
import com.glowglitch.platform.events.EventConsumers;
import com.glowglitch.platform.resilience.Breakers;


@Configuration
@Import(ContractValidation.class)
@EnableConfigurationProperties({OrderProperties.class, PaymentProperties.class})
public class OrderConfig {

    /** The cart breaker: the cart's 4xx answers (not your cart, empty) are not failures of the cart-service. */
    @Bean
    Customizer<ReactiveResilience4JCircuitBreakerFactory> cartBreaker(OrderProperties props) {
        return Breakers.serviceCall("cart", props.cartTimeout());
    }

    /** Bound to catalog.events (application.yml): the catalog's answers to OrderPlaced. */
    @Bean
    Consumer<Message<byte[]>> orderEvents(EventConsumers consumers, OrderReactions reactions) {
        return consumers.consumer(reactions);
    }
}
