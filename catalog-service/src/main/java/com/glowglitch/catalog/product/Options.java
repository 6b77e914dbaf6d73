package com.glowglitch.catalog.product;

import java.util.ArrayList;
import java.util.List;

import org.bson.Document;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * What a shopper can choose on a product and what each choice adds to the price (minor units).
 * The catalog is the single source of truth for option pricing: cart and customization ask
 * {@code GET /api/products/{id}/price}.
 */
public record Options(@Size(max = 20) List<@Valid Choice> materials,
                      @Size(max = 30) List<@Valid Gemstone> gemstones,
                      @Size(max = 40) List<@Valid Choice> sizes,
                      @Valid Engraving engraving) {

    static final String CODE = "[a-z0-9][a-z0-9-]{0,39}";

    public record Choice(@NotBlank @Pattern(regexp = CODE) String code,
                         @NotBlank @Size(max = 60) @Pattern(regexp = "[^\\p{Cntrl}<>]*") String name,
                         @NotNull @PositiveOrZero @Max(100_000_000) Long priceModifierMinor) {
    }

    public record Gemstone(@NotBlank @Pattern(regexp = CODE) String code,
                           @NotBlank @Size(max = 60) @Pattern(regexp = "[^\\p{Cntrl}<>]*") String name,
                           @PositiveOrZero @Max(100) Double carat,
                           @Size(max = 20) String cut, @Size(max = 10) String color, @Size(max = 10) String clarity,
                           @NotNull @PositiveOrZero @Max(100_000_000) Long priceModifierMinor) {
    }

    public record Engraving(boolean allowed, @PositiveOrZero @Max(60) int maxLength,
                            @PositiveOrZero @Max(1_000_000) long priceMinor) {
    }

    public static Options none() {
        return new Options(List.of(), List.of(), List.of(), new Engraving(false, 0, 0));
    }

    public Options orEmpty() {
        return new Options(materials == null ? List.of() : materials, gemstones == null ? List.of() : gemstones,
                sizes == null ? List.of() : sizes, engraving == null ? new Engraving(false, 0, 0) : engraving);
    }

    Document toDocument() {
        Options o = orEmpty();
        return new Document("materials", o.materials().stream().map(Options::choice).toList())
                .append("gemstones", o.gemstones().stream().map(g -> new Document("code", g.code()).append("name", g.name())
                        .append("carat", g.carat()).append("cut", g.cut()).append("color", g.color())
                        .append("clarity", g.clarity()).append("priceModifierMinor", g.priceModifierMinor())).toList())
                .append("sizes", o.sizes().stream().map(Options::choice).toList())
                .append("engraving", new Document("allowed", o.engraving().allowed()).append("maxLength", o.engraving().maxLength())
                        .append("priceMinor", o.engraving().priceMinor()));
    }

    private static Document choice(Choice c) {
        return new Document("code", c.code()).append("name", c.name()).append("priceModifierMinor", c.priceModifierMinor());
    }

    @SuppressWarnings("unchecked")
    static Options fromDocument(Document d) {
        if (d == null) {
            return none();
        }
        List<Choice> materials = new ArrayList<>();
        for (Document c : (List<Document>) d.get("materials", List.class)) {
            materials.add(new Choice(c.getString("code"), c.getString("name"), ((Number) c.get("priceModifierMinor")).longValue()));
        }
        List<Choice> sizes = new ArrayList<>();
        for (Document c : (List<Document>) d.get("sizes", List.class)) {
            sizes.add(new Choice(c.getString("code"), c.getString("name"), ((Number) c.get("priceModifierMinor")).longValue()));
        }
        List<Gemstone> gems = new ArrayList<>();
        for (Document g : (List<Document>) d.get("gemstones", List.class)) {
            gems.add(new Gemstone(g.getString("code"), g.getString("name"), g.get("carat") == null ? null : ((Number) g.get("carat")).doubleValue(),
                    g.getString("cut"), g.getString("color"), g.getString("clarity"), ((Number) g.get("priceModifierMinor")).longValue()));
        }
        Document e = d.get("engraving", Document.class);
        return new Options(materials, gems, sizes, e == null ? new Engraving(false, 0, 0)
                : new Engraving(e.getBoolean("allowed", false), e.getInteger("maxLength", 0), ((Number) e.get("priceMinor")).longValue()));
    }
}
