package com.glowglitch.localstack;

import java.util.List;

/** One process of the suite: its module (and jar) name, port and short log prefix. */
public record ServiceSpec(String name, int port, String prefix) {

    /** Start order: identity first (its JWKS is what everyone validates against), gateway last. */
    public static final List<ServiceSpec> ALL = List.of(
            new ServiceSpec("identity-service", 8081, "identity"),
            new ServiceSpec("catalog-service", 8082, "catalog"),
            new ServiceSpec("cart-service", 8083, "cart"),
            new ServiceSpec("order-service", 8084, "order"),
            new ServiceSpec("creator-service", 8085, "creator"),
            new ServiceSpec("review-service", 8086, "review"),
            new ServiceSpec("customization-service", 8087, "customize"),
            new ServiceSpec("compliance-service", 8088, "compliance"),
            new ServiceSpec("gateway", 8080, "gateway"));

    public String url() {
        return "http://127.0.0.1:" + port;
    }
}
