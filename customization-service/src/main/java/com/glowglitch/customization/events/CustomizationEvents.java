package com.glowglitch.customization.events;

import java.time.Instant;

import com.glowglitch.platform.money.Money;

/**
 * The events customization-service publishes on {@code customization.events}; schemas in
 * contracts/. Subject: customizationId. Engraving text is personal and never on the bus (only
 * whether there is one); {@code userId} is null for a guest's design.
 */
public final class CustomizationEvents {

    public static final String TOPIC = "customization.events";

    /** The options a design chose, as the catalog names them. */
    public record Chosen(String material, String gemstone, String size, boolean engraved) {
    }

    /** A design was created (version 1) or saved again (a new version). */
    public record CustomizationSaved(String customizationId, String productId, String userId, boolean guest, int version,
                                     Chosen options, int designParameters, Money price, Instant savedAt) {
        public static final String TYPE = "CustomizationSaved";
    }

    /** The owner deleted a design; every version of it is gone. */
    public record CustomizationDeleted(String customizationId, String productId, String userId, boolean guest, int versions,
                                       Instant deletedAt) {
        public static final String TYPE = "CustomizationDeleted";
    }

    private CustomizationEvents() {
    }
}
