package com.glowglitch.catalog.events;

import java.time.Instant;
import java.util.List;

import com.glowglitch.platform.money.Money;

/** The events catalog-service publishes on {@code catalog.events}; schemas in contracts/. */
public final class CatalogEvents {

    public static final String TOPIC = "catalog.events";

    public record ProductCreated(String productId, String name, String slug, String category, Money price,
                                 String status, List<String> tags, List<Sku> variants, String createdBy, Instant createdAt) {
        public static final String TYPE = "ProductCreated";

        public record Sku(String sku, long stock) {
        }
    }

    /** An admin changed a product's description (name, text, tags, options). Subject: productId. */
    public record ProductUpdated(String productId, String slug, String previousSlug, List<String> changed,
                                 String updatedBy, Instant updatedAt) {
        public static final String TYPE = "ProductUpdated";
    }

    /** An admin changed a product's base price. Subject: productId. */
    public record PriceChanged(String productId, Money oldPrice, Money newPrice, String changedBy, Instant changedAt) {
        public static final String TYPE = "PriceChanged";
    }

    /** An admin set a SKU's stock (a delivery, a count correction). Subject: productId. */
    public record StockChanged(String productId, String sku, long oldTotal, long newTotal, long available,
                               String changedBy, Instant changedAt) {
        public static final String TYPE = "StockChanged";
    }

    /** A SKU's available stock fell to or below the low-stock threshold. Subject: productId. */
    public record LowStock(String productId, String sku, long available, long threshold, Instant at) {
        public static final String TYPE = "LowStock";
    }

    /** A product was withdrawn from sale (carts flag its lines unavailable). Subject: productId. */
    public record ProductArchived(String productId, String archivedBy, Instant archivedAt) {
        public static final String TYPE = "ProductArchived";
    }

    /** Stock held for a cart (reservationId = the hold's id; subject = productId). */
    public record InventoryReserved(String reservationId, String productId, String sku, String cartId, int quantity,
                                    Instant expiresAt) {
        public static final String TYPE = "InventoryReserved";
    }

    /** A hold ended without a sale: released by the cart, or expired. */
    public record InventoryReleased(String reservationId, String productId, String sku, String cartId, int quantity,
                                    String reason) {
        public static final String TYPE = "InventoryReleased";
    }

    public record OrderLine(String productId, String sku, int quantity) {
    }

    /** An order's stock is committed (taken from its holds or the shelf). Subject: orderId. */
    public record InventoryCommitted(String orderId, String orderNumber, List<OrderLine> lines, Instant committedAt) {
        public static final String TYPE = "InventoryCommitted";
    }

    public record RejectedLine(String productId, String sku, int requested, long available, String reason) {
    }

    /** An order cannot have its stock; nothing of it stays committed. Subject: orderId. */
    public record InventoryRejected(String orderId, String orderNumber, List<RejectedLine> lines, Instant rejectedAt) {
        public static final String TYPE = "InventoryRejected";
    }

    private CatalogEvents() {
    }
}
