package com.glowglitch.catalog.product;

import java.net.URI;
import java.time.Clock;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.glowglitch.platform.web.ApiException;
import com.glowglitch.platform.web.CursorPage;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/products")
public class ProductController {

    private final ProductStore store;
    private final Clock clock;
    private final com.glowglitch.catalog.cache.ProductCache cache;

    private final tools.jackson.databind.json.JsonMapper json;

    public ProductController(ProductStore store, Clock clock, com.glowglitch.catalog.cache.ProductCache cache,
                             tools.jackson.databind.json.JsonMapper json) {
        this.json = json;
        this.store = store;
        this.clock = clock;
        this.cache = cache;
    }

    @PostMapping
    @PreAuthorize("hasRole('admin')")
    @Operation(summary = "Create a product (admin); emits ProductCreated")
    public Mono<ResponseEntity<ProductView>> create(@Valid @RequestBody NewProduct body, @AuthenticationPrincipal Jwt admin) {
        Product p;
        try {
            p = Product.create(UUID.randomUUID().toString(), body, Slugs.of(body.name()), admin.getSubject(), clock.instant());
        } catch (IllegalArgumentException e) {
            return Mono.error(ApiException.unprocessable("invalid-product", e.getMessage()));
        }
        return store.insert(p).map(saved -> ResponseEntity.created(URI.create("/api/products/" + saved.id()))
                .body(ProductView.of(saved)));
    }

    @GetMapping("/{idOrSlug}")
    @Operation(summary = "One product by id or slug; a former slug answers 301 to the current one")
    public Mono<ResponseEntity<ProductView>> get(@PathVariable String idOrSlug) {
        return cache.product(idOrSlug, () -> store.findByIdOrSlug(idOrSlug).map(ProductView::of)).map(ResponseEntity::ok)
                .switchIfEmpty(Mono.defer(() -> store.findByPreviousSlug(idOrSlug).map(p -> ResponseEntity
                        .status(org.springframework.http.HttpStatus.MOVED_PERMANENTLY)
                        .location(URI.create("/api/products/" + p.slug())).<ProductView>build())))
                .switchIfEmpty(Mono.error(ApiException.notFound("product " + idOrSlug)));
    }

    @GetMapping("/{id}/price")
    @Operation(summary = "Price of one configuration: base + material + gemstone + size + engraving (minor units); "
            + "422 names an option the product does not offer")
    public Mono<Pricing.Quote> price(@PathVariable String id,
                                     @RequestParam(required = false) String sku,
                                     @RequestParam(required = false) String material,
                                     @RequestParam(required = false) String gemstone,
                                     @RequestParam(required = false) String size,
                                     @RequestParam(required = false) String engraving) {
        for (String v : new String[] {material, gemstone, size}) {
            if (v != null && !v.matches(Options.CODE)) {
                return Mono.error(ApiException.badRequest("invalid-option", "option codes are lower-case letters, digits and hyphens"));
            }
        }
        if (sku != null && !sku.matches("[A-Z0-9][A-Z0-9-]{2,39}")) {
            return Mono.error(ApiException.badRequest("invalid-sku", "a SKU is 3 to 40 upper-case letters, digits and hyphens"));
        }
        if (engraving != null && (engraving.length() > 200 || engraving.codePoints().anyMatch(Character::isISOControl))) {
            return Mono.error(ApiException.badRequest("invalid-engraving", "engraving text is too long or has control characters"));
        }
        return store.findByIdOrSlug(id).switchIfEmpty(Mono.error(ApiException.notFound("product " + id)))
                .map(p -> Pricing.quote(p, sku, material, gemstone, size, engraving));
    }

    @GetMapping
    @Operation(summary = "Active products with filters (category, tag, collection, creator, material, gemstone, price range "
            + "in minor units, in stock) and sorts "
            + "(newest, price_asc, price_desc, featured, rating, popularity); cursor-paginated, at most 100 a page; "
            + "fields=id,name,slug,price,... returns only those fields of each product (list views)")
    public Mono<CursorPage<Object>> list(@RequestParam(required = false) Integer limit,
                                              @RequestParam(required = false) String cursor,
                                              @RequestParam(required = false) String category,
                                              @RequestParam(required = false) String tag,
                                              @RequestParam(required = false) Long minPrice,
                                              @RequestParam(required = false) Long maxPrice,
                                              @RequestParam(required = false, defaultValue = "false") boolean inStock,
                                              @RequestParam(required = false) String sort,
                                              @RequestParam(required = false) String collection,
                                              @RequestParam(required = false) String creator,
                                              @RequestParam(required = false) String material,
                                              @RequestParam(required = false) String gemstone,
                                              @RequestParam(required = false) String fields) {
        java.util.function.Function<ProductView, Object> shape = ProductFields.shaper(fields, json);
        for (String code : new String[] {collection, material, gemstone}) {
            if (code != null && !code.matches(Merchandising.SLUG)) {
                throw ApiException.badRequest("invalid-filter", "collection, material and gemstone are lower-case codes");
            }
        }
        if (creator != null && !creator.matches("[A-Za-z0-9_-]{1,64}")) {
            throw ApiException.badRequest("invalid-filter", "creator is a creator id");
        }
        int n = CursorPage.limit(limit);
        ProductStore.SortBy by = ProductStore.SortBy.parse(sort);
        Category cat;
        try {
            cat = category == null ? null : Category.fromJson(category);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid-category", "unknown category " + category.replaceAll("[^a-z]", "?"));
        }
        if ((minPrice != null && minPrice < 0) || (maxPrice != null && maxPrice < 0)
                || (minPrice != null && maxPrice != null && minPrice > maxPrice)) {
            throw ApiException.badRequest("invalid-price-range", "prices are non-negative minor units and minPrice <= maxPrice");
        }
        if (tag != null && tag.length() > 40) {
            throw ApiException.badRequest("invalid-tag", "tags are at most 40 characters");
        }
        Long afterKey = null;
        String afterId = null;
        String key = CursorPage.decode(cursor);
        if (key != null) {
            String[] parts = key.split("\\|", 2);
            try {
                afterKey = Long.parseLong(parts[0]);
                afterId = parts[1];
            } catch (RuntimeException e) {
                throw ApiException.badRequest("invalid-cursor", "cursor is not one we issued");
            }
        }
        ProductStore.Filter filter = new ProductStore.Filter(ProductStatus.ACTIVE, cat, tag, minPrice, maxPrice, inStock,
                by == ProductStore.SortBy.FEATURED ? Boolean.TRUE : null, collection, creator, material, gemstone);
        return store.page(filter, by, afterKey, afterId, n + 1).map(ProductView::of).collectList()
                .map(items -> CursorPage.fromOverfetch(items, n, last -> CursorPage.encode(by.keyOf(last) + "|" + last.id())))
                .map(page -> new CursorPage<>(page.items().stream().map(shape).toList(), page.nextCursor()));
    }

    @GetMapping("/featured")
    @Operation(summary = "The featured products in their rank order (findFeatured)")
    public Mono<java.util.List<ProductView>> featured(@RequestParam(required = false, defaultValue = "8") int limit) {
        if (limit < 1 || limit > 50) {
            return Mono.error(ApiException.badRequest("invalid-limit", "limit must be between 1 and 50"));
        }
        ProductStore.Filter filter = new ProductStore.Filter(ProductStatus.ACTIVE, null, null, null, null, false, Boolean.TRUE);
        return cache.featured(limit, () -> store.page(filter, ProductStore.SortBy.FEATURED, null, null, limit)
                .map(ProductView::of).collectList());
    }

    @GetMapping("/search")
    @Operation(summary = "Active products whose name, tags or description contain every word of q")
    public Mono<java.util.List<ProductView>> search(@RequestParam String q,
                                                    @RequestParam(required = false, defaultValue = "20") int limit) {
        if (q.isBlank() || q.length() > 100) {
            return Mono.error(ApiException.badRequest("invalid-query", "q must be 1 to 100 characters"));
        }
        if (limit < 1 || limit > CursorPage.MAX_LIMIT) {
            return Mono.error(ApiException.badRequest("invalid-limit", "limit must be between 1 and " + CursorPage.MAX_LIMIT));
        }
        return store.search(q, limit).map(ProductView::of).collectList();
    }
}
