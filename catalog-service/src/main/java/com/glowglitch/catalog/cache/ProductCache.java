package com.glowglitch.catalog.cache;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.glowglitch.catalog.product.ProductView;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import reactor.core.publisher.Mono;

/**
 * The hottest reads — a product page by slug or id, the featured shelf — from memory. Every
 * instance drops a product's entries when it sees any event about that product on
 * {@code catalog.events} (its own writes included), so a price, stock or rename change shows
 * within the event's delivery time; the featured shelf is dropped on any change. A five-minute
 * lifetime bounds staleness should an event be missed. Hits and misses are metrics
 * ({@code cache.gets{cache="products"}}). With {@code REDIS_URL} a second level shared by all
 * instances ({@link SharedProductCache}) sits between this memory and MongoDB; its hits and
 * misses are {@code cache.shared.gets{result}}.
 */
@Component
public class ProductCache {

    private final Cache<String, ProductView> products = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterWrite(Duration.ofMinutes(5)).recordStats().build();
    private final Cache<Integer, List<ProductView>> featured = Caffeine.newBuilder()
            .maximumSize(20).expireAfterWrite(Duration.ofMinutes(5)).recordStats().build();

    private final SharedProductCache shared;
    private final io.micrometer.core.instrument.Counter sharedHits;
    private final io.micrometer.core.instrument.Counter sharedMisses;

    public ProductCache(MeterRegistry meters, SharedProductCache shared) {
        this.shared = shared;
        CaffeineCacheMetrics.monitor(meters, products, "products");
        CaffeineCacheMetrics.monitor(meters, featured, "featured");
        this.sharedHits = io.micrometer.core.instrument.Counter.builder("cache.shared.gets").tag("result", "hit").register(meters);
        this.sharedMisses = io.micrometer.core.instrument.Counter.builder("cache.shared.gets").tag("result", "miss").register(meters);
    }

    public Mono<ProductView> product(String idOrSlug, Supplier<Mono<ProductView>> load) {
        ProductView hit = products.getIfPresent(idOrSlug);
        if (hit != null) {
            return Mono.just(hit);
        }
        if (shared instanceof SharedProductCache.None) {
            return load.get().doOnNext(this::remember);
        }
        return shared.get(idOrSlug)
                .doOnNext(v -> {
                    sharedHits.increment();
                    remember(v);
                })
                .switchIfEmpty(Mono.defer(() -> {
                    sharedMisses.increment();
                    return load.get().flatMap(v -> shared.put(v).thenReturn(v)).doOnNext(this::remember);
                }));
    }

    private void remember(ProductView v) {
        products.put(v.id(), v);
        products.put(v.slug(), v);
    }

    public Mono<List<ProductView>> featured(int limit, Supplier<Mono<List<ProductView>>> load) {
        List<ProductView> hit = featured.getIfPresent(limit);
        if (hit != null) {
            return Mono.just(hit);
        }
        return load.get().doOnNext(v -> featured.put(limit, v));
    }

    /** Something about this product changed: forget every entry that shows it (here and in the shared level). */
    public void evict(String productId) {
        products.asMap().entrySet().removeIf(e -> e.getValue().id().equals(productId));
        featured.invalidateAll();
        shared.evict(productId).subscribe();
    }
}
