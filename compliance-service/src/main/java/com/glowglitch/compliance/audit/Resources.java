package com.glowglitch.compliance.audit;

/**
 * Names the resource an event is about, as {@code <kind>:<id>} — the key admins search the
 * audit trail by. The kind follows the publishing context and, inside it, the event type.
 */
final class Resources {

    private Resources() {
    }

    static String of(String topic, String type, String subject) {
        return kind(topic, type) + ":" + subject;
    }

    static String kind(String topic, String type) {
        String context = topic == null ? "unknown" : topic.replace(".events", "");
        return switch (context) {
            case "catalog" -> type.startsWith("Inventory") ? "reservation" : "product";
            case "identity" -> "user";
            case "order" -> "order";
            case "cart" -> type.startsWith("Wishlist") || type.startsWith("PriceAlert") || type.startsWith("BackInStock")
                    ? "wishlist" : "cart";
            case "creator" -> type.startsWith("Commission") ? "commission" : "creator";
            case "review" -> type.startsWith("ProductRating") ? "rating" : "review";
            case "customization" -> "customization";
            default -> context;
        };
    }
}
