package com.glowglitch.catalog.product;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bson.Document;

import com.glowglitch.catalog.events.CatalogEvents.ProductCreated;
import com.glowglitch.platform.money.Money;

/**
 * The product aggregate as far as the foundation needs it; the full model (options, variants,
 * media, SEO, ratings read model) grows in the catalog issue on the same document.
 */
public record Product(String id, String name, String slug, String description, Category category, Money price,
                      ProductStatus status, List<String> tags, String createdBy, Instant createdAt,
                      Instant updatedAt, long version) {

    public static Product create(String id, NewProduct cmd, String slug, String actor, Instant now) {
        List<String> tags = cmd.tags() == null ? List.of()
                : cmd.tags().stream().map(t -> t.trim().toLowerCase()).distinct().toList();
        ProductStatus status = cmd.status() == null ? ProductStatus.DRAFT : cmd.status();
        if (status == ProductStatus.ARCHIVED) {
            throw new IllegalArgumentException("a new product cannot start archived");
        }
        return new Product(id, cmd.name().strip(), slug, cmd.description() == null ? "" : cmd.description().strip(),
                cmd.category(), cmd.price(), status, tags, actor, now.truncatedTo(java.time.temporal.ChronoUnit.MILLIS),
                now.truncatedTo(java.time.temporal.ChronoUnit.MILLIS), 1);
    }

    public Product withSlug(String newSlug) {
        return new Product(id, name, newSlug, description, category, price, status, tags, createdBy, createdAt, updatedAt, version);
    }

    public ProductCreated created() {
        return new ProductCreated(id, name, slug, category.json(), price, status.json(), tags, createdBy, createdAt);
    }

    public Document toDocument() {
        return new Document("_id", id).append("name", name).append("slug", slug).append("description", description)
                .append("category", category.json()).append("price", price.toDocument()).append("status", status.json())
                .append("tags", tags).append("createdBy", createdBy).append("createdAt", Date.from(createdAt))
                .append("updatedAt", Date.from(updatedAt)).append("version", version);
    }

    @SuppressWarnings("unchecked")
    public static Product fromDocument(Document d) {
        return new Product(d.getString("_id"), d.getString("name"), d.getString("slug"), d.getString("description"),
                Category.fromJson(d.getString("category")), Money.fromDocument(d.get("price", Document.class)),
                ProductStatus.fromJson(d.getString("status")), (List<String>) d.get("tags", List.class),
                d.getString("createdBy"), d.getDate("createdAt").toInstant(), d.getDate("updatedAt").toInstant(),
                ((Number) d.get("version")).longValue());
    }
}
