package com.glowglitch.catalog.product;

import java.time.Instant;
import java.util.List;

import com.glowglitch.platform.money.Money;

/** A product as the API shows it. */
public record ProductView(String id, String name, String slug, String description, Category category, Money price,
                          ProductStatus status, List<String> tags, List<VariantView> variants, Options options, boolean featured,
                          Long featuredRank, Money compareAtPrice, List<String> collections, String designerCreatorId,
                          Merchandising.Seo seo, List<Merchandising.Image> images, Merchandising.Model3d model3d,
                          RatingView rating, Popularity popularity, Instant createdAt, Instant updatedAt, long version) {

    public record RatingView(double average, long count, java.util.Map<String, Long> distribution) {
    }

    public record Popularity(long sold) {
    }

    /** What a shopper may know about a SKU's stock: how many can be bought right now. */
    public record VariantView(String sku, String label, long available) {
    }

    /** The rating sort's key: average in hundredths. */
    long ratingScore() {
        return Math.round(rating.average() * 100);
    }

    static ProductView of(Product p) {
        return new ProductView(p.id(), p.name(), p.slug(), p.description(), p.category(), p.price(), p.status(),
                p.tags(), p.variants().stream().map(v -> new VariantView(v.sku(), v.label(), v.available())).toList(),
                p.options(), p.featured(), p.featuredRank(), p.merchandising().compareAtPrice(), p.merchandising().collections(),
                p.merchandising().designerCreatorId(), p.merchandising().seo(), p.merchandising().images(),
                p.merchandising().model3d(), new RatingView(p.rating().average(), p.rating().count(), p.rating().distribution()),
                new Popularity(p.sold()), p.createdAt(), p.updatedAt(), p.version());
    }
}
