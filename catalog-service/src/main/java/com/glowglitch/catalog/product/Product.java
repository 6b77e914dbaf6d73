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
                      ProductStatus status, List<String> tags, List<Variant> variants, Options options,
                      List<String> previousSlugs, boolean featured, Long featuredRank, Merchandising merchandising,
                      ReadModels.Rating rating, long sold, String createdBy, Instant createdAt, Instant updatedAt, long version) {

    /** A SKU and its stock: {@code total == available + reserved + committed}, none negative. */
    public record Variant(String sku, String label, long total, long available, long reserved, long committed) {

        Document toDocument() {
            return new Document("sku", sku).append("label", label).append("stock", new Document("total", total)
                    .append("available", available).append("reserved", reserved).append("committed", committed));
        }

        static Variant fromDocument(Document d) {
            Document st = d.get("stock", Document.class);
            return new Variant(d.getString("sku"), d.getString("label"), num(st, "total"), num(st, "available"),
                    num(st, "reserved"), num(st, "committed"));
        }

        private static long num(Document d, String f) {
            Object v = d.get(f);
            return v == null ? 0 : ((Number) v).longValue();
        }
    }

    public static Product create(String id, NewProduct cmd, String slug, String actor, Instant now) {
        List<String> tags = cmd.tags() == null ? List.of()
                : cmd.tags().stream().map(t -> t.trim().toLowerCase()).distinct().toList();
        ProductStatus status = cmd.status() == null ? ProductStatus.DRAFT : cmd.status();
        if (status == ProductStatus.ARCHIVED) {
            throw new IllegalArgumentException("a new product cannot start archived");
        }
        List<Variant> variants = cmd.variants() == null || cmd.variants().isEmpty()
                ? List.of(new Variant("GG-" + id.replace("-", "").substring(0, 10).toUpperCase(), "default", 0, 0, 0, 0))
                : cmd.variants().stream().map(v -> new Variant(v.sku(), v.label(), v.stock(), v.stock(), 0, 0)).toList();
        if (variants.stream().map(Variant::sku).distinct().count() != variants.size()) {
            throw new IllegalArgumentException("each variant needs its own sku");
        }
        return new Product(id, cmd.name().strip(), slug, cmd.description() == null ? "" : cmd.description().strip(),
                cmd.category(), cmd.price(), status, tags, variants, cmd.options() == null ? Options.none() : cmd.options().orEmpty(),
                List.of(), false, null,
                (cmd.merchandising() == null ? Merchandising.none() : cmd.merchandising())
                        .normalized(cmd.name().strip(), cmd.description(), cmd.price()), ReadModels.Rating.NONE, 0, actor, now.truncatedTo(java.time.temporal.ChronoUnit.MILLIS),
                now.truncatedTo(java.time.temporal.ChronoUnit.MILLIS), 1);
    }

    public Product withSlug(String newSlug) {
        return new Product(id, name, newSlug, description, category, price, status, tags, variants, options, previousSlugs,
                featured, featuredRank, merchandising, rating, sold, createdBy, createdAt, updatedAt, version);
    }

    public ProductCreated created() {
        return new ProductCreated(id, name, slug, category.json(), price, status.json(), tags,
                variants.stream().map(v -> new ProductCreated.Sku(v.sku(), v.total())).toList(), createdBy, createdAt);
    }

    public Document toDocument() {
        Document d = new Document("_id", id).append("name", name).append("slug", slug).append("description", description)
                .append("category", category.json()).append("price", price.toDocument()).append("status", status.json())
                .append("tags", tags).append("variants", variants.stream().map(Variant::toDocument).toList())
                .append("holds", List.of()).append("featured", featured).append("featuredRank", featuredRank)
                .append("options", options.toDocument()).append("previousSlugs", previousSlugs)
                .append("createdBy", createdBy).append("createdAt", Date.from(createdAt))
                .append("updatedAt", Date.from(updatedAt)).append("version", version);
        merchandising.appendTo(d);
        d.append("rating", rating.toDocument()).append("popularity", new Document("sold", sold));
        return d;
    }

    @SuppressWarnings("unchecked")
    public static Product fromDocument(Document d) {
        return new Product(d.getString("_id"), d.getString("name"), d.getString("slug"), d.getString("description"),
                Category.fromJson(d.getString("category")), Money.fromDocument(d.get("price", Document.class)),
                ProductStatus.fromJson(d.getString("status")), (List<String>) d.get("tags", List.class),
                ((List<Document>) d.get("variants", List.class) == null ? List.<Document>of() : (List<Document>) d.get("variants", List.class))
                        .stream().map(Variant::fromDocument).toList(),
                Options.fromDocument(d.get("options", Document.class)),
                d.get("previousSlugs", List.class) == null ? List.of() : (List<String>) d.get("previousSlugs", List.class),
                d.getBoolean("featured", false), d.get("featuredRank") == null ? null : ((Number) d.get("featuredRank")).longValue(),
                Merchandising.fromDocument(d), ReadModels.Rating.fromDocument(d.get("rating", Document.class)),
                d.get("popularity", Document.class) == null ? 0 : ((Number) d.get("popularity", Document.class).get("sold")).longValue(),
                d.getString("createdBy"), d.getDate("createdAt").toInstant(), d.getDate("updatedAt").toInstant(),
                ((Number) d.get("version")).longValue());
    }
}
