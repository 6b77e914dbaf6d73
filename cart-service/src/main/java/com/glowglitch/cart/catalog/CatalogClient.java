package com.glowglitch.cart.catalog;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreakerFactory;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriBuilder;

import com.glowglitch.cart.cart.CartLine;
import com.glowglitch.platform.http.ServiceClient;

import reactor.core.publisher.Mono;

/**
 * The catalog over HTTP, each call through the {@code catalog} circuit breaker (timeout from
 * {@code glowglitch.cart.catalog-timeout}) with the shopper's token relayed ({@link ServiceClient}).
 */
@Component
public class CatalogClient implements Catalog {

    private final WebClient web;
    private final ServiceClient client;

    public CatalogClient(WebClient.Builder builder, ReactiveCircuitBreakerFactory<?, ?> breakers,
                         com.glowglitch.cart.config.CartProperties props) {
        this.web = builder.baseUrl(props.getCatalogUrl()).build();
        this.client = new ServiceClient("catalog", "nothing in your cart changed", web, breakers.create("catalog"));
    }

    @Override
    public Mono<Quote> quote(String productId, String sku, CartLine.LineOptions options, String token) {
        return call(web.get().uri(u -> priceUri(u, productId, sku, options)), token, Quote.class);
    }

    private static java.net.URI priceUri(UriBuilder u, String productId, String sku, CartLine.LineOptions o) {
        u = u.path("/api/products/{id}/price").queryParam("sku", sku);
        if (o != null) {
            if (o.material() != null) {
                u = u.queryParam("material", "{material}");
            }
            if (o.gemstone() != null) {
                u = u.queryParam("gemstone", "{gemstone}");
            }
            if (o.size() != null) {
                u = u.queryParam("size", "{size}");
            }
            if (o.engraving() != null) {
                u = u.queryParam("engraving", "{engraving}");
            }
        }
        Map<String, Object> vars = new HashMap<>();
        vars.put("id", productId);
        if (o != null) {
            vars.put("material", o.material());
            vars.put("gemstone", o.gemstone());
            vars.put("size", o.size());
            vars.put("engraving", o.engraving());
        }
        return u.build(vars);
    }

    @Override
    public Mono<Hold> reserve(String cartId, String sku, int quantity, String token) {
        return call(web.post().uri("/api/inventory/reservations").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("cartId", cartId, "sku", sku, "quantity", quantity)), token, Hold.class);
    }

    @Override
    public Mono<Hold> resize(String holdId, int quantity, String token) {
        return call(web.patch().uri("/api/inventory/reservations/{id}", holdId).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("quantity", quantity)), token, Hold.class);
    }

    @Override
    public Mono<Hold> refresh(String holdId, String token) {
        return call(web.post().uri("/api/inventory/reservations/{id}/refresh", holdId), token, Hold.class);
    }

    @Override
    public Mono<Void> release(String holdId, String token) {
        return call(web.delete().uri("/api/inventory/reservations/{id}", holdId), token, Void.class);
    }

    @Override
    public Mono<Hold> transfer(String holdId, String toCartId, String intoHoldId, String token) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("cartId", toCartId);
        if (intoHoldId != null) {
            body.put("into", intoHoldId);
        }
        return call(web.post().uri("/api/inventory/reservations/{id}/transfer", holdId)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body), token, Hold.class);
    }

    private <T> Mono<T> call(WebClient.RequestHeadersSpec<?> request, String token, Class<T> type) {
        return client.call(request, token, type);
    }
}
