package com.glowglitch.catalog.events;

import java.time.Instant;
import java.util.List;

import com.glowglitch.platform.money.Money;

/** The events catalog-service publishes on {@code catalog.events}; schemas in contracts/. */
public final class CatalogEvents {

    public static final String TOPIC = "catalog.events";

    public record ProductCreated(String productId, String name, String slug, String category, Money price,
                                 String status, List<String> tags, String createdBy, Instant createdAt) {
        public static final String TYPE = "ProductCreated";
    }

    private CatalogEvents() {
    }
}
