package com.glowglitch.customization.config;

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


@Configuration
@Import(ContractValidation.class)
@EnableConfigurationProperties(CustomizationProperties.class)
public class CustomizationConfig {

    /** The catalog breaker: give up after the catalog timeout; open when half of the last 20 calls failed; retry after 5 s. */
    @Bean
    Customizer<ReactiveResilience4JCircuitBreakerFactory> catalogBreaker(CustomizationProperties props) {
        return Breakers.serviceCall("catalog", props.getCatalogTimeout());
    }

    /** Bound to catalog.events and identity.events (application.yml). */
    @Bean
    Consumer<Message<byte[]>> customizationEvents(EventConsumers consumers, CustomizationReactions reactions) {
        return consumers.consumer(reactions);
    }
}
