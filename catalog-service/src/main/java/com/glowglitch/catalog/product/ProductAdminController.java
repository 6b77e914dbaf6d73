package com.glowglitch.catalog.product;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.glowglitch.catalog.events.CatalogEvents;
import com.glowglitch.platform.events.EventFactory;
import com.glowglitch.platform.events.OutboxEntry;
import com.glowglitch.platform.money.Money;
import com.glowglitch.platform.outbox.Outbox;
import com.glowglitch.platform.web.ApiException;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import reactor.core.publisher.Mono;

/**
 * Admin changes to a product. Each is one {@code findAndModify} guarded by the version (or the
 * stock) it was computed from, carrying its event in the outbox: a concurrent change makes it a
 * 409, never a lost update.
 */
@RestController
@RequestMapping("/api/products/{id}")
@PreAuthorize("hasRole('admin')")
public class ProductAdminController {

    public record PriceChange(@NotNull @Valid Money price) {
    }

    /** Fields an admin may change in place; absent ones stay as they are. */
    public record ProductChange(
            @Size(min = 1, max = 200) @Pattern(regexp = "[^\\p{Cntrl}<>]*", message = "must not contain control characters or angle brackets") String name,
            @Size(max = 5000) @Pattern(regexp = "[^<>]*", message = "must be plain text (no HTML)") String description,
            @Size(max = 20) List<@NotBlank @Size(max = 40) @Pattern(regexp = "[\\p{L}\\p{N} -]+") String> tags,
            @Valid Options options,
            @Valid Merchandising merchandising,
            @NotNull Long version) {
    }

    public record Featuring(@NotNull Boolean featured, @PositiveOrZero @Max(10_000) Long rank) {
    }

    public record StockChange(@NotNull @PositiveOrZero @Max(1_000_000) Long total) {
    }

    private final ReactiveMongoTemplate mongo;
    private final EventFactory events;
    private final Outbox outbox;
    private final Clock clock;
    private final long lowStockThreshold;

    public ProductAdminController(ReactiveMongoTemplate mongo, EventFactory events, Outbox outbox, Clock clock,
                                  @Value("${glowglitch.catalog.low-stock-threshold:3}") long lowStockThreshold) {
        this.mongo = mongo;
        this.events = events;
        this.outbox = outbox;
        this.clock = clock;
        this.lowStockThreshold = lowStockThreshold;
    }

    @PutMapping("/price")
    @Operation(summary = "Change the base price (admin); emits PriceChanged with old and new price")
    public Mono<ProductView> price(@PathVariable String id, @Valid @RequestBody PriceChange body, @AuthenticationPrincipal Jwt admin) {
        return load(id).flatMap(p -> {
            if (p.price().equals(body.price())) {
                return Mono.just(p);
            }
            Money was = p.merchandising().compareAtPrice();
            if (was != null && body.price().amountMinor() >= was.amountMinor()) {
                return Mono.error(ApiException.unprocessable("price-above-compare-at",
                        "the price must stay below the compare-at price " + was.amountMinor() + "; change or remove that first"));
            }
            Instant now = clock.instant();
            return change(p, new Update().set("price", body.price().toDocument()),
                    event(CatalogEvents.PriceChanged.TYPE, id,
                            new CatalogEvents.PriceChanged(id, p.price(), body.price(), admin.getSubject(), now)));
        }).map(ProductView::of);
    }

    @PutMapping("/variants/{sku}/stock")
    @Operation(summary = "Set a SKU's total stock (admin); emits StockChanged, and LowStock at or below the threshold")
    public Mono<ProductView> stock(@PathVariable String id, @PathVariable String sku, @Valid @RequestBody StockChange body,
                                   @AuthenticationPrincipal Jwt admin) {
        return load(id).flatMap(p -> {
            Product.Variant v = p.variants().stream().filter(x -> x.sku().equals(sku)).findFirst()
                    .orElseThrow(() -> ApiException.notFound("sku " + sku + " of product " + id));
            long held = v.reserved() + v.committed();
            if (body.total() < held) {
                return Mono.error(ApiException.unprocessable("stock-below-held",
                        "total " + body.total() + " is below the " + held + " units already reserved or sold"));
            }
            long available = body.total() - held;
            Instant now = clock.instant();
            List<OutboxEntry> entries = new ArrayList<>();
            entries.add(event(CatalogEvents.StockChanged.TYPE, id, new CatalogEvents.StockChanged(id, sku, v.total(),
                    body.total(), available, admin.getSubject(), now)));
            if (available <= lowStockThreshold) {
                entries.add(event(CatalogEvents.LowStock.TYPE, id, new CatalogEvents.LowStock(id, sku, available, lowStockThreshold, now)));
            }
            // guarded by the reserved/committed counts it was computed from: a reservation meanwhile makes this a 409
            Query q = Query.query(Criteria.where("_id").is(id).and("version").is(p.version())
                    .and("variants").elemMatch(Criteria.where("sku").is(sku).and("stock.reserved").is(v.reserved())
                            .and("stock.committed").is(v.committed())));
            Update u = new Update().set("variants.$[v].stock.total", body.total())
                    .set("variants.$[v].stock.available", available).filterArray(Criteria.where("v.sku").is(sku));
            return write(q, u, entries.toArray(OutboxEntry[]::new));
        }).map(ProductView::of);
    }

    @org.springframework.web.bind.annotation.PatchMapping
    @Operation(summary = "Change name, description, tags or options (admin; send the version you read). A new name "
            + "gets a new slug and the old one redirects; emits ProductUpdated")
    public Mono<ProductView> update(@PathVariable String id, @Valid @RequestBody ProductChange body, @AuthenticationPrincipal Jwt admin) {
        return load(id).flatMap(p -> {
            if (p.version() != body.version()) {
                return Mono.error(ApiException.conflict("stale", "the product changed since version " + body.version()
                        + " (now " + p.version() + "); reload and retry"));
            }
            Update u = new Update();
            List<String> changed = new ArrayList<>();
            String previousSlug = null;
            String slug = p.slug();
            if (body.name() != null && !body.name().strip().equals(p.name())) {
                u.set("name", body.name().strip());
                changed.add("name");
                String newSlug = Slugs.of(body.name());
                if (!newSlug.equals(p.slug())) {
                    previousSlug = p.slug();
                    slug = newSlug;
                    u.set("slug", newSlug).addToSet("previousSlugs", p.slug());
                }
            }
            if (body.description() != null) {
                u.set("description", body.description().strip());
                changed.add("description");
            }
            if (body.tags() != null) {
                u.set("tags", body.tags().stream().map(t -> t.trim().toLowerCase()).distinct().toList());
                changed.add("tags");
            }
            if (body.options() != null) {
                u.set("options", body.options().orEmpty().toDocument());
                changed.add("options");
            }
            if (body.merchandising() != null) {
                // the whole block is replaced (SEO defaults recomputed from the name and description it will have)
                Merchandising m;
                try {
                    m = body.merchandising().normalized(body.name() != null ? body.name().strip() : p.name(),
                            body.description() != null ? body.description() : p.description(), p.price());
                } catch (IllegalArgumentException e) {
                    return Mono.error(ApiException.unprocessable("invalid-product", e.getMessage()));
                }
                Document d = new Document();
                m.appendTo(d);
                d.forEach(u::set);
                changed.add("merchandising");
            }
            if (changed.isEmpty()) {
                return Mono.just(p);
            }
            return change(p, u, event(CatalogEvents.ProductUpdated.TYPE, id, new CatalogEvents.ProductUpdated(id, slug,
                    previousSlug, changed, admin.getSubject(), clock.instant())))
                    .onErrorMap(org.springframework.dao.DuplicateKeyException.class,
                            e -> ApiException.conflict("slug-taken", "another product already uses the slug of this name"));
        }).map(ProductView::of);
    }

    @PutMapping("/featured")
    @Operation(summary = "Feature (with a rank; lower shows first) or unfeature a product (admin)")
    public Mono<ProductView> feature(@PathVariable String id, @Valid @RequestBody Featuring body) {
        return load(id).flatMap(p -> change(p, new Update().set("featured", body.featured())
                .set("featuredRank", body.featured() ? (body.rank() == null ? 100L : body.rank()) : null)))
                .map(ProductView::of);
    }

    @PostMapping("/archive")
    @Operation(summary = "Withdraw a product from sale (admin); emits ProductArchived")
    public Mono<ProductView> archive(@PathVariable String id, @AuthenticationPrincipal Jwt admin) {
        return load(id).flatMap(p -> p.status() == ProductStatus.ARCHIVED ? Mono.just(p)
                : change(p, new Update().set("status", ProductStatus.ARCHIVED.json()),
                        event(CatalogEvents.ProductArchived.TYPE, id,
                                new CatalogEvents.ProductArchived(id, admin.getSubject(), clock.instant()))))
                .map(ProductView::of);
    }

    private Mono<Product> load(String id) {
        return mongo.findById(id, Document.class, ProductStore.COLLECTION).map(Product::fromDocument)
                .switchIfEmpty(Mono.error(ApiException.notFound("product " + id)));
    }

    private Mono<Product> change(Product p, Update u, OutboxEntry... entries) {
        return write(Query.query(Criteria.where("_id").is(p.id()).and("version").is(p.version())), u, entries);
    }

    private Mono<Product> write(Query q, Update u, OutboxEntry... entries) {
        u.set("updatedAt", Date.from(clock.instant())).inc("version", 1);
        Outbox.push(u, entries);
        return outbox.afterWrite(mongo.findAndModify(q, u, FindAndModifyOptions.options().returnNew(true), Document.class,
                        ProductStore.COLLECTION))
                .map(Product::fromDocument)
                .switchIfEmpty(Mono.error(ApiException.conflict("stale", "the product changed meanwhile; reload and retry")));
    }

    private OutboxEntry event(String type, String productId, Object data) {
        return events.create(CatalogEvents.TOPIC, type, productId, data);
    }
}
