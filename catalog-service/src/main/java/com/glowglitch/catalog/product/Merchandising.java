package com.glowglitch.catalog.product;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.bson.Document;

import com.glowglitch.platform.money.Money;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * How a product is presented and found: SEO fields, images, its 3D model with AR availability,
 * the compare-at ("was") price, the collections it belongs to and the creator who designed it.
 * Every field is optional on input; SEO title and description default to the name and the start
 * of the description.
 */
public record Merchandising(@Valid Seo seo, @Size(max = 20) List<@Valid Image> images, @Valid Model3d model3d,
                            @Valid Money compareAtPrice,
                            @Size(max = 10) List<@NotBlank @Pattern(regexp = SLUG, message = "lower-case letters, digits and hyphens") String> collections,
                            @Pattern(regexp = "[A-Za-z0-9_-]{1,64}") String designerCreatorId) {

    static final String SLUG = "[a-z0-9][a-z0-9-]{0,59}";
    static final String TEXT = "[^\\p{Cntrl}<>]*";

    public record Seo(@Size(max = 70) @Pattern(regexp = TEXT) String title,
                      @Size(max = 160) @Pattern(regexp = TEXT) String description,
                      @Size(max = 10) List<@NotBlank @Size(max = 40) @Pattern(regexp = "[\\p{L}\\p{N} -]+") String> keywords) {
    }

    /** An image: https only (no {@code javascript:} or data URLs reach a storefront), alt text for accessibility. */
    public record Image(@NotBlank @Size(max = 500) @Pattern(regexp = "https://[^\\s<>\"']+", message = "must be an https URL") String url,
                        @NotBlank @Size(max = 200) @Pattern(regexp = TEXT) String alt,
                        @PositiveOrZero @Max(99) int order) {
    }

    /** The product's 3D model (an asset of customization-service) and on which AR formats it can be viewed. */
    public record Model3d(@NotNull @Pattern(regexp = "[A-Za-z0-9_-]{1,64}") String assetId, boolean glb, boolean usdz) {
    }

    public static Merchandising none() {
        return new Merchandising(null, List.of(), null, null, List.of(), null);
    }

    /** With defaults filled and images in display order; rejects a compare-at price that is not above the price. */
    Merchandising normalized(String name, String description, Money price) {
        if (compareAtPrice != null && (!compareAtPrice.currency().equals(price.currency())
                || compareAtPrice.amountMinor() <= price.amountMinor())) {
            throw new IllegalArgumentException("compareAtPrice must be in " + price.currency() + " and above the price");
        }
        String d = description == null ? "" : description.strip();
        Seo s = new Seo(seo != null && seo.title() != null ? seo.title() : cut(name, 70),
                seo != null && seo.description() != null ? seo.description() : cut(d, 160),
                seo == null || seo.keywords() == null ? List.of() : seo.keywords().stream().map(k -> k.trim().toLowerCase()).distinct().toList());
        List<Image> imgs = images == null ? List.of() : images.stream().sorted(Comparator.comparingInt(Image::order)).toList();
        List<String> cols = collections == null ? List.of() : collections.stream().distinct().toList();
        return new Merchandising(s, imgs, model3d, compareAtPrice, cols, designerCreatorId);
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1).strip() + "…";
    }

    void appendTo(Document d) {
        d.append("seo", seo == null ? null : new Document("title", seo.title()).append("description", seo.description())
                        .append("keywords", seo.keywords()))
                .append("images", images.stream().map(i -> new Document("url", i.url()).append("alt", i.alt()).append("order", i.order())).toList())
                .append("model3d", model3d == null ? null : new Document("assetId", model3d.assetId()).append("glb", model3d.glb())
                        .append("usdz", model3d.usdz()))
                .append("compareAtPrice", compareAtPrice == null ? null : compareAtPrice.toDocument())
                .append("collections", collections)
                .append("designerCreatorId", designerCreatorId);
    }

    @SuppressWarnings("unchecked")
    static Merchandising fromDocument(Document d) {
        Document seo = d.get("seo", Document.class);
        Document model = d.get("model3d", Document.class);
        List<Image> images = new ArrayList<>();
        List<Document> raw = (List<Document>) d.get("images", List.class);
        if (raw != null) {
            raw.forEach(i -> images.add(new Image(i.getString("url"), i.getString("alt"), ((Number) i.get("order")).intValue())));
        }
        List<String> cols = (List<String>) d.get("collections", List.class);
        return new Merchandising(seo == null ? null : new Seo(seo.getString("title"), seo.getString("description"),
                (List<String>) seo.get("keywords", List.class)), images,
                model == null ? null : new Model3d(model.getString("assetId"), model.getBoolean("glb", false), model.getBoolean("usdz", false)),
                Money.fromDocument(d.get("compareAtPrice", Document.class)), cols == null ? List.of() : cols,
                d.getString("designerCreatorId"));
    }
}
