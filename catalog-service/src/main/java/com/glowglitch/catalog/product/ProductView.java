package com.glowglitch.catalog.product;

import java.time.Instant;
import java.util.List;

import com.glowglitch.platform.money.Money;

/** A product as the API shows it. */
public record ProductView(String id, String name, String slug, String description, Category category, Money price,
                          ProductStatus status, List<String> tags, List<VariantView> variants, Options options, boolean featured,
                          Long featuredRank, Money compareAtPrice, List<String> collections, String designerCreatorId,
                          Merchandising.Seo seo, List<Merchandising.Image> images, Merchandising.Model3d model3d,
                          Instant createdAt, Instant updatedAt, long version) {

    /** What a shopper may know about a SKU's stock: how many can be bought right now. */
    public record VariantView(String sku, String label, long available) {
    }

    static ProductView of(Product p) {
        return new ProductView(p.id(), p.name(), p.slug(), p.description(), p.category(), p.price(), p.status(),
                p.tags(), p.variants().stream().map(v -> new VariantView(v.sku(), v.label(), v.available())).toList(),
                p.options(), p.featured(), p.featuredRank(), p.merchandising().compareAtPrice(), p.merchandising().collections(),
                p.merchandising().designerCreatorId(), p.merchandising().seo(), p.merchandising().images(),
                p.merchandising().model3d(), p.createdAt(), p.updatedAt(), p.version());
    }
}
