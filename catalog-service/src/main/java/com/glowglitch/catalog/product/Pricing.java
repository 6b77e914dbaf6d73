package com.glowglitch.catalog.product;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.glowglitch.platform.money.Money;
import com.glowglitch.platform.web.ApiException;

/** The price of one configuration of a product: base plus the modifier of each chosen option. */
public final class Pricing {

    public record Line(String kind, String code, String name, long amountMinor) {
    }

    /**
     * What one configuration costs, with what a cart line needs to show it (name, slug, sku) and
     * whether it can be bought now; {@code sku} and {@code available} (units of that SKU on the
     * shelf now) are null when the caller did not name a SKU; {@code image} is the first image (for a
 * cart line's thumbnail), null when the product has none.
     */
    public record Quote(String productId, String name, String slug, String category, String sku, String status, Money base,
                        List<Line> modifiers, Money total, Long available, String image) {
    }

    private Pricing() {
    }

    public static Quote quote(Product p, String sku, String material, String gemstone, String size, String engraving) {
        if (sku != null && p.variants().stream().noneMatch(v -> v.sku().equals(sku))) {
            throw new ApiException(org.springframework.http.HttpStatus.UNPROCESSABLE_CONTENT, "unknown-sku", "Rule broken",
                    "this product has no SKU '" + sku.replaceAll("[^A-Z0-9-]", "?") + "'", Map.of("option", "sku"));
        }
        Options o = p.options().orEmpty();
        List<Line> lines = new ArrayList<>();
        if (material != null) {
            Options.Choice c = find(o.materials(), material, Options.Choice::code).orElseThrow(() -> notOffered("material", material));
            lines.add(new Line("material", c.code(), c.name(), c.priceModifierMinor()));
        }
        if (gemstone != null) {
            Options.Gemstone g = find(o.gemstones(), gemstone, Options.Gemstone::code).orElseThrow(() -> notOffered("gemstone", gemstone));
            lines.add(new Line("gemstone", g.code(), g.name(), g.priceModifierMinor()));
        }
        if (size != null) {
            Options.Choice c = find(o.sizes(), size, Options.Choice::code).orElseThrow(() -> notOffered("size", size));
            lines.add(new Line("size", c.code(), c.name(), c.priceModifierMinor()));
        }
        if (engraving != null && !engraving.isEmpty()) {
            if (!o.engraving().allowed()) {
                throw notOffered("engraving", "engraving");
            }
            if (engraving.codePointCount(0, engraving.length()) > o.engraving().maxLength()) {
                throw new ApiException(org.springframework.http.HttpStatus.UNPROCESSABLE_CONTENT, "engraving-too-long",
                        "Rule broken", "engraving is limited to " + o.engraving().maxLength() + " characters on this piece",
                        Map.of("option", "engraving"));
            }
            lines.add(new Line("engraving", "engraving", "Engraving", o.engraving().priceMinor()));
        }
        long total = p.price().amountMinor() + lines.stream().mapToLong(Line::amountMinor).sum();
        Long available = sku == null ? null
                : p.variants().stream().filter(v -> v.sku().equals(sku)).findFirst().map(Product.Variant::available).orElse(0L);
        return new Quote(p.id(), p.name(), p.slug(), p.category().json(), sku, p.status().json(), p.price(), lines,
                Money.of(total, p.price().currency()), available,
                p.merchandising() == null || p.merchandising().images() == null || p.merchandising().images().isEmpty() ? null
                        : p.merchandising().images().get(0).url());
    }

    private static <T> Optional<T> find(List<T> list, String code, java.util.function.Function<T, String> codeOf) {
        return list.stream().filter(x -> codeOf.apply(x).equals(code)).findFirst();
    }

    private static ApiException notOffered(String kind, String code) {
        return new ApiException(org.springframework.http.HttpStatus.UNPROCESSABLE_CONTENT, "option-not-offered", "Rule broken",
                "this product does not offer " + kind + " '" + code.replaceAll("[^A-Za-z0-9-]", "?") + "'",
                Map.of("option", kind, "value", code.replaceAll("[^A-Za-z0-9-]", "?")));
    }
}
