package com.glowglitch.order.checkout;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreakerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

import com.glowglitch.order.config.OrderProperties;
import com.glowglitch.platform.http.ServiceClient;
import com.glowglitch.platform.money.Money;

import reactor.core.publisher.Mono;

/**
 * The shopper's cart as cart-service shows it ({@code GET /api/carts/me} with the shopper's own
 * token), through the {@code cart} circuit breaker: the cart decides whose cart it is.
 */
@Component
public class CartClient {

    /** The parts of cart-service's answer that checkout needs (a tolerant reader ignores the rest). */
    public record CartSnapshot(String id, String status, boolean guest, List<Line> lines, Discount discount, Totals totals,
                               boolean hasChanges, long version) {
    }

    public record Line(String id, String productId, String sku, String name, String slug, int quantity,
                       Map<String, String> options, Customization customization, Money unitPrice, Money lineTotal,
                       boolean priceChanged, String state, String reservationId, Instant reservedUntil, String image) {
    }

    public record Customization(String id, int version) {
    }

    public record Discount(String code, long amountMinor, boolean applicable, String reason) {
    }

    public record Totals(long subtotalMinor, long discountMinor, long shippingMinor, long taxMinor, long totalMinor,
                         String currency) {
    }

    private final ServiceClient client;

    public CartClient(WebClient.Builder builder, ReactiveCircuitBreakerFactory<?, ?> breakers, OrderProperties props) {
        this.client = new ServiceClient("cart", "no order was placed", builder.baseUrl(props.cartUrl()).build(),
                breakers.create("cart"));
    }

    public Mono<CartSnapshot> mine(String token) {
        return client.call(client.web().get().uri("/api/carts/me"), token, CartSnapshot.class);
    }
}
