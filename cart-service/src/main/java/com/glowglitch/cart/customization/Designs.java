package com.glowglitch.cart.customization;

import java.util.Objects;

import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreakerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

import com.glowglitch.cart.cart.CartLine;
import com.glowglitch.cart.config.CartProperties;
import com.glowglitch.platform.http.ServiceClient;
import com.glowglitch.platform.web.ApiException;

import reactor.core.publisher.Mono;

/**
 * A line or wishlist item that names a saved design {@code (id, version)} takes its options from
 * that version, as customization-service keeps it: one call to
 * {@code GET /api/customizations/{id}/versions/{n}} with the shopper's token, through the
 * {@code customization} circuit breaker. Someone else's or an unknown design → 422
 * {@code unknown-customization}; a design of another product → 422
 * {@code customization-of-another-product}; options that contradict the design → 422
 * {@code options-conflict}; customization-service down → 503 and nothing changes.
 */
@Component
public class Designs {

    /** The parts of a saved version the cart needs (read tolerantly). */
    record Version(String customizationId, String productId, int version, CartLine.LineOptions options) {
    }

    private final WebClient web;
    private final ServiceClient client;

    public Designs(WebClient.Builder builder, ReactiveCircuitBreakerFactory<?, ?> breakers, CartProperties props) {
        this.web = builder.baseUrl(props.getCustomizationUrl()).build();
        this.client = new ServiceClient("customization", "nothing changed", web, breakers.create("customization"));
    }

    /**
     * The options the item is priced and held with: {@code given} when there is no design, else the
     * design version's options ({@link CartLine.LineOptions#NONE} when it chose none).
     */
    public Mono<CartLine.LineOptions> optionsFor(String productId, CartLine.LineOptions given, CartLine.CustomizationRef ref,
                                                 String token) {
        if (ref == null) {
            return Mono.just(given == null ? CartLine.LineOptions.NONE : given);
        }
        return client.call(web.get().uri("/api/customizations/{id}/versions/{v}", ref.id(), ref.version()), token, Version.class)
                .onErrorMap(e -> e instanceof ApiException a && a.status() == HttpStatus.NOT_FOUND,
                        e -> ApiException.unprocessable("unknown-customization",
                                "you have no saved design '" + ref.id() + "' at version " + ref.version()))
                .flatMap(v -> {
                    if (!productId.equals(v.productId())) {
                        return Mono.error(ApiException.unprocessable("customization-of-another-product",
                                "design '" + ref.id() + "' is of another product"));
                    }
                    CartLine.LineOptions design = v.options() == null ? CartLine.LineOptions.NONE : v.options();
                    if (given != null && !given.equals(CartLine.LineOptions.NONE) && !Objects.equals(given, design)) {
                        return Mono.error(ApiException.unprocessable("options-conflict",
                                "a customized piece takes its options from the design; leave options out or match them"));
                    }
                    return Mono.just(design);
                });
    }
}
