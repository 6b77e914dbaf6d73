package com.glowglitch.catalog.config;

import java.util.function.Consumer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import com.glowglitch.catalog.cache.ProductCache;
import com.glowglitch.platform.events.EventConsumers;

import reactor.core.publisher.Mono;

@Configuration
public class CatalogConfig {

    /**
     * Bound to catalog.events without a consumer group (application.yml): every instance sees
     * every event and evicts its own cache entries for that product.
     */
    @Bean
    Consumer<Message<byte[]>> evictProductCache(EventConsumers consumers, ProductCache cache) {
        return consumers.consumer(e -> Mono.fromRunnable(() -> {
            if (e.subject() != null) {
                cache.evict(e.subject());
            }
        }));
    }
}
