package com.glowglitch.catalog.product;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.glowglitch.platform.dbadmin.Seeder;
import com.glowglitch.platform.money.Money;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Sample jewelry for the local stack and demos. Ids derive from the slug, so seeding twice
 * finds every product already there and creates nothing (nor emits a second ProductCreated).
 */
@Component
public class ProductSeeder implements Seeder {

    private record Sample(String name, Category category, long priceMinor, String description, List<String> tags) {
    }

    private static final List<Sample> SAMPLES = List.of(
            new Sample("Aurora Solitaire Ring", Category.RINGS, 129900, "A lab-grown diamond solitaire on a slim 14k gold band.", List.of("solitaire", "lab-grown", "gold")),
            new Sample("Glitch Stack Ring Set", Category.RINGS, 8900, "Three stackable sterling rings with a hand-hammered finish.", List.of("stackable", "silver")),
            new Sample("Nebula Opal Ring", Category.RINGS, 24500, "Ethiopian opal cabochon in a recycled silver bezel.", List.of("opal", "silver")),
            new Sample("Pixel Heart Pendant", Category.NECKLACES, 6900, "An 8-bit heart pendant in rose vermeil on an 18-inch chain.", List.of("pendant", "rose-gold")),
            new Sample("Lunar Phase Necklace", Category.NECKLACES, 15900, "Seven moon phases cast in sterling silver.", List.of("moon", "silver")),
            new Sample("Chroma Tennis Necklace", Category.NECKLACES, 89900, "Rainbow sapphires set in a continuous line of 14k white gold.", List.of("sapphire", "tennis")),
            new Sample("Static Hoop Earrings", Category.EARRINGS, 5900, "Chunky gold-plated hoops with a twisted texture.", List.of("hoops", "gold")),
            new Sample("Dewdrop Pearl Studs", Category.EARRINGS, 7900, "Freshwater pearls on hypoallergenic titanium posts.", List.of("pearl", "studs")),
            new Sample("Circuit Cuff Bracelet", Category.BRACELETS, 11900, "An engraved circuit-board pattern on a sterling cuff.", List.of("cuff", "engravable")),
            new Sample("Sunset Charm Bracelet", Category.BRACELETS, 9900, "Enamel sunset charms on a gold-filled chain.", List.of("charms", "enamel")),
            new Sample("Wave Anklet", Category.ANKLETS, 4500, "A delicate wave-link anklet in sterling silver.", List.of("summer", "silver")),
            new Sample("Mini Star Charm", Category.CHARMS, 2900, "A tiny star charm with a lab-grown diamond accent.", List.of("star", "lab-grown")),
            new Sample("Y2K Butterfly Set", Category.SETS, 19900, "Matching butterfly necklace and studs in iridescent enamel.", List.of("butterfly", "y2k")));

    /** Typical choices per category: metals everywhere, sizes for rings, lengths for chains, engraving for some. */
    static Options options(Category c) {
        List<Options.Choice> metals = List.of(new Options.Choice("silver", "Sterling Silver", 0L),
                new Options.Choice("gold-14k", "14k Gold", 15000L), new Options.Choice("rose-vermeil", "Rose Vermeil", 4000L));
        List<Options.Choice> sizes = switch (c) {
            case RINGS -> java.util.stream.IntStream.rangeClosed(4, 10)
                    .mapToObj(n -> new Options.Choice("us-" + n, "US " + n, n >= 9 ? 1000L : 0L)).toList();
            case NECKLACES, ANKLETS, BRACELETS -> List.of(new Options.Choice("16in", "16 in", 0L),
                    new Options.Choice("18in", "18 in", 500L), new Options.Choice("20in", "20 in", 1000L));
            default -> List.of();
        };
        List<Options.Gemstone> gems = List.of(new Options.Gemstone("none", "No stone", null, null, null, null, 0L),
                new Options.Gemstone("lab-diamond-025", "Lab diamond 0.25 ct", 0.25, "round", "F", "VS1", 25000L),
                new Options.Gemstone("sapphire-03", "Blue sapphire 0.3 ct", 0.3, "oval", "blue", "VS", 18000L));
        boolean engrave = c == Category.RINGS || c == Category.BRACELETS || c == Category.CHARMS;
        return new Options(metals, gems, sizes, new Options.Engraving(engrave, engrave ? 20 : 0, engrave ? 2500 : 0));
    }

    private final ProductStore store;
    private final Clock clock;

    public ProductSeeder(ProductStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The hand-written samples plus a generated range, 60+ products across every category. */
    static List<Sample> all() {
        List<Sample> out = new java.util.ArrayList<>(SAMPLES);
        String[] styles = {"Halo", "Vintage", "Minimal", "Celestial", "Glitch", "Baroque", "Neon", "Petal", "Orbit"};
        String[][] materials = {{"14k Gold", "gold"}, {"Sterling Silver", "silver"}, {"Rose Vermeil", "rose-gold"},
                {"Platinum", "platinum"}, {"Titanium", "titanium"}};
        String[] gems = {"Lab Diamond", "Sapphire", "Moonstone", "Emerald", "Opal", "Pearl", "Ruby"};
        java.util.Map<Category, String> nouns = java.util.Map.of(Category.RINGS, "Ring", Category.NECKLACES, "Necklace",
                Category.EARRINGS, "Earrings", Category.BRACELETS, "Bracelet", Category.ANKLETS, "Anklet",
                Category.CHARMS, "Charm", Category.SETS, "Set");
        int i = 0;
        for (Category c : Category.values()) {
            for (int k = 0; k < 7; k++, i++) {
                String style = styles[(i * 7 + k) % styles.length];
                String[] metal = materials[(i + k) % materials.length];
                String gem = gems[(i * 3 + k) % gems.length];
                String name = style + " " + gem + " " + nouns.get(c) + " in " + metal[0];
                long price = 3900 + ((i * 7919L) % 120) * 1000;
                out.add(new Sample(name, c, price, "A " + style.toLowerCase() + " " + nouns.get(c).toLowerCase() + " in "
                        + metal[0].toLowerCase() + " with a " + gem.toLowerCase() + ".",
                        List.of(style.toLowerCase(), metal[1], gem.toLowerCase().replace(' ', '-'))));
            }
        }
        return out;
    }

    /**
     * Placeholder images (front and worn), a 3D model viewable in AR for rings and earrings, the
     * category's collection plus "holiday-2026" for the featured few, and a designer creator on
     * every fifth piece — so every storefront surface has something to show.
     */
    private static Merchandising merchandising(String slug, String name, Category category, int index) {
        List<Merchandising.Image> images = List.of(
                new Merchandising.Image("https://images.glowglitch.dev/placeholder/" + slug + "-front.jpg", name + ", front view", 0),
                new Merchandising.Image("https://images.glowglitch.dev/placeholder/" + slug + "-worn.jpg", name + ", worn", 1));
        boolean ar = category == Category.RINGS || category == Category.EARRINGS;
        List<String> collections = index < 8 ? List.of(category.json(), "holiday-2026") : List.of(category.json());
        return new Merchandising(null, images, ar ? new Merchandising.Model3d("model-" + slug, true, true) : null, null,
                collections, index % 5 == 0 ? "creator-mia-glows" : null);
    }

    @Override
    public Mono<Result> seed() {
        List<Sample> samples = all();
        return Flux.range(0, samples.size())
                .concatMap(index -> {
                    Sample s = samples.get(index);
                    String slug = Slugs.of(s.name());
                    String id = UUID.nameUUIDFromBytes(("seed-product:" + slug).getBytes(StandardCharsets.UTF_8)).toString();
                    String sku = ("GG-" + slug.toUpperCase()).replaceAll("[^A-Z0-9-]", "");
                    NewProduct cmd = new NewProduct(s.name(), s.description(), s.category(), Money.of(s.priceMinor(), "USD"),
                            ProductStatus.ACTIVE, s.tags(), List.of(new NewProduct.NewVariant(
                                    sku.length() > 40 ? sku.substring(0, 40) : sku, "default", 25)), options(s.category()),
                            merchandising(slug, s.name(), s.category(), index));
                    Mono<Boolean> created = store.insertIfAbsent(Product.create(id, cmd, slug, "seed", clock.instant()));
                    // the first hand-written pieces make the storefront's featured shelf
                    return index < 8 ? created.flatMap(c -> c ? store.feature(id, index + 1).thenReturn(true) : Mono.just(false))
                            : created;
                })
                .collectList()
                .map(created -> {
                    long n = created.stream().filter(Boolean::booleanValue).count();
                    return new Result("products", n, created.size() - n);
                });
    }
}
