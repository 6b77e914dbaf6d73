package com.glowglitch.cart.catalog;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreaker;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreakerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.util.UriBuilder;

import com.glowglitch.cart.cart.CartLine;
import com.glowglitch.platform.web.ApiException;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import reactor.core.publisher.Mono;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The catalog over HTTP, each call through the {@code catalog} circuit breaker (timeout from
 * {@code glowglitch.cart.catalog-timeout}). Only failures of the catalog itself (5xx, timeouts,
 * refused connections) count against the breaker; its 4xx answers are the shopper's problem and
 * pass through with their type, detail and extension fields.
 */
@Component
public class CatalogClient implements Catalog {

    private static final Logger log = LoggerFactory.getLogger(CatalogClient.class);
    private static final String PROBLEMS = "https://glowglitch.dev/problems/";

    /** A tolerant reader: the catalog may add fields to its answers without breaking carts. */
    private static final JsonMapper LENIENT = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private final WebClient web;
    private final ReactiveCircuitBreaker breaker;

    public CatalogClient(WebClient.Builder builder, ReactiveCircuitBreakerFactory<?, ?> breakers,
                         com.glowglitch.cart.config.CartProperties props) {
        this.web = builder.baseUrl(props.getCatalogUrl()).build();
        this.breaker = breakers.create("catalog");
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
        Mono<T> exchange = request.header("Authorization", "Bearer " + token).accept(MediaType.APPLICATION_JSON)
                .exchangeToMono(r -> read(r, type));
        return breaker.run(exchange, e -> Mono.error(translate(e)));
    }

    private static <T> Mono<T> read(ClientResponse r, Class<T> type) {
        HttpStatus status = HttpStatus.resolve(r.statusCode().value());
        if (r.statusCode().is2xxSuccessful()) {
            if (type == Void.class) {
                return r.releaseBody().then(Mono.empty());
            }
            return r.bodyToMono(byte[].class).map(b -> LENIENT.readValue(b, type));
        }
        if (r.statusCode().is4xxClientError() && status != null && status != HttpStatus.UNAUTHORIZED
                && status != HttpStatus.FORBIDDEN && status != HttpStatus.TOO_MANY_REQUESTS) {
            return r.bodyToMono(byte[].class).defaultIfEmpty(new byte[0])
                    .flatMap(b -> Mono.error(problem(status, b)));
        }
        // 401/403 would mean our token relay is broken, 429/5xx that the catalog cannot take the call
        return r.releaseBody().then(Mono.error(new CatalogFailure("catalog answered " + r.statusCode().value())));
    }

    @SuppressWarnings("unchecked")
    private static ApiException problem(HttpStatus status, byte[] body) {
        Map<String, Object> p;
        try {
            p = body.length == 0 ? Map.of() : LENIENT.readValue(body, Map.class);
        } catch (RuntimeException e) {
            p = Map.of();
        }
        String type = String.valueOf(p.getOrDefault("type", ""));
        String slug = type.startsWith(PROBLEMS) ? type.substring(PROBLEMS.length()) : status == HttpStatus.NOT_FOUND ? "not-found" : "catalog-rejected";
        Map<String, Object> ext = new LinkedHashMap<>(p);
        for (String k : new String[] {"type", "title", "status", "detail", "instance", "requestId"}) {
            ext.remove(k);
        }
        return new ApiException(status, slug, String.valueOf(p.getOrDefault("title", status.getReasonPhrase())),
                String.valueOf(p.getOrDefault("detail", "the catalog refused the request")), ext);
    }

    private static Throwable translate(Throwable e) {
        if (e instanceof ApiException api) {
            return api;
        }
        String why;
        if (e instanceof CallNotPermittedException) {
            why = "the catalog is failing; calls are paused for a few seconds";
        } else if (e instanceof TimeoutException) {
            why = "the catalog did not answer in time";
        } else if (e instanceof WebClientRequestException) {
            why = "the catalog cannot be reached";
        } else {
            why = "the catalog failed";
        }
        log.warn("catalog call failed: {}", e.toString());
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "catalog-unavailable", "Service unavailable",
                why + "; nothing in your cart changed, please try again", Map.of("retryAfter", 5));
    }

    /** The catalog itself failed (not the request): counts against the circuit breaker. */
    static final class CatalogFailure extends RuntimeException {
        CatalogFailure(String message) {
            super(message, null, false, false);
        }
    }

}
