package com.glowglitch.catalog.product;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.glowglitch.platform.money.Money;
import com.glowglitch.platform.web.ApiException;

import io.swagger.v3.oas.annotations.Operation;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A deterministic product data set of any size for benchmarks (admin only, under /admin): the
 * same seed always yields the same products. Generated products are marked {@code generated}
 * and emit no events — they exist to measure queries, not to feed other contexts.
 */
@RestController
@RequestMapping("/admin/catalog/generated")
public class ProductGenerator {

    private static final String[] STYLES = {"Halo", "Vintage", "Minimal", "Celestial", "Glitch", "Baroque", "Neon", "Petal",
        "Orbit", "Prism", "Velvet", "Aurora"};
    private static final String[] GEMS = {"Lab Diamond", "Sapphire", "Moonstone", "Emerald", "Opal", "Pearl", "Ruby", "Topaz"};
    private static final String[] METALS = {"gold", "silver", "rose-gold", "platinum", "titanium"};

    private final ReactiveMongoTemplate mongo;
    private final Clock clock;

    public ProductGenerator(ReactiveMongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /** The i-th product of the data set for {@code seed}. */
    static Product product(long seed, int i, Instant now) {
        Random r = new Random(seed * 1_000_003L + i);
        Category c = Category.values()[i % Category.values().length];
        String style = STYLES[r.nextInt(STYLES.length)];
        String gem = GEMS[r.nextInt(GEMS.length)];
        String metal = METALS[r.nextInt(METALS.length)];
        String name = style + " " + gem + " " + c.json() + " " + seed + "-" + i;
        String id = "gen-" + seed + "-" + i;
        long price = 1000 + r.nextInt(200) * 500L;
        int stock = r.nextInt(4) == 0 ? 0 : 1 + r.nextInt(30);
        List<Product.Variant> variants = List.of(new Product.Variant(("GEN-" + seed + "-" + i).toUpperCase(), "default",
                stock, stock, 0, 0));
        return new Product(id, name, Slugs.of(name), "A " + style.toLowerCase() + " piece in " + metal + " with " + gem.toLowerCase(),
                c, Money.of(price, "USD"), ProductStatus.ACTIVE, List.of(style.toLowerCase(), metal, gem.toLowerCase().replace(' ', '-')),
                variants, Options.none(), List.of(), false, null,
                new Merchandising(null, List.of(), null, null, List.of("gen-" + c.json()), i % 10 == 0 ? "creator-" + (i % 7) : null)
                        .normalized(name, "", Money.of(price, "USD")),
                ReadModels.Rating.of((i * 37 % 41) / 10.0 + 1, i % 50, java.util.Map.of("1", 0L, "2", 0L, "3", 0L, "4", 0L, "5", (long) (i % 50)), now),
                (long) (i * 13 % 500), "generator", now.minusSeconds(i), now.minusSeconds(i), 1);
    }

    @PostMapping
    @Operation(summary = "Insert a deterministic benchmark data set of `count` products for `seed` (admin)")
    public Mono<Map<String, Object>> generate(@RequestParam int count, @RequestParam(defaultValue = "1") long seed) {
        if (count < 1 || count > 200_000) {
            return Mono.error(ApiException.badRequest("invalid-count", "count must be between 1 and 200000"));
        }
        Instant now = clock.instant();
        return Flux.range(0, count)
                .map(i -> product(seed, i, now).toDocument().append("generated", true))
                .buffer(1000)
                .concatMap(batch -> mongo.insert(batch, ProductStore.COLLECTION).count())
                .reduce(0L, Long::sum)
                .map(n -> Map.<String, Object>of("inserted", n, "seed", seed));
    }

    @DeleteMapping
    @Operation(summary = "Remove every generated benchmark product (admin)")
    public Mono<Map<String, Object>> clear() {
        return mongo.remove(Query.query(Criteria.where("generated").is(true)), ProductStore.COLLECTION)
                .map(r -> Map.<String, Object>of("removed", r.getDeletedCount()));
    }

}
