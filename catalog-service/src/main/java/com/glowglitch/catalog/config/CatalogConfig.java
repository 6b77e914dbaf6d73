package com.glowglitch.catalog.config;

import java.util.function.Consumer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import com.glowglitch.catalog.cache.ProductCache;
import com.glowglitch.catalog.events.CatalogReactions;
import com.glowglitch.platform.events.EventConsumers;

import reactor.core.publisher.Mono;

@Configuration
@org.springframework.context.annotation.Import(com.glowglitch.contracts.ContractValidation.class)
public class CatalogConfig {

    /**
     * Bound to catalog.events without a consumer group (application.yml): every instance sees
     * every event and evicts its own cache entries for that product.
     */
    /** With {@code REDIS_URL}, product pages are also cached in Redis, shared by every instance. */
    @Bean(destroyMethod = "close")
    com.glowglitch.catalog.cache.SharedProductCache sharedProductCache(
            @org.springframework.beans.factory.annotation.Value("${REDIS_URL:}") String redisUrl) {
        return redisUrl.isBlank() ? new com.glowglitch.catalog.cache.SharedProductCache.None()
                : new com.glowglitch.catalog.cache.SharedProductCache.Redis(redisUrl);
    }

    /**
     * Bound to order.events and review.events in group catalog-service: the checkout saga's stock
     * step, sales counts and the rating read model.
     */
    @Bean
    Consumer<Message<byte[]>> contextEvents(EventConsumers consumers, CatalogReactions reactions) {
        return consumers.consumer(reactions);
    }

    @Bean
    Consumer<Message<byte[]>> evictProductCache(EventConsumers consumers, ProductCache cache) {
        return consumers.consumer(e -> Mono.fromRunnable(() -> {
            if (e.subject() != null) {
                cache.evict(e.subject());
            }
        }));
    }
}
