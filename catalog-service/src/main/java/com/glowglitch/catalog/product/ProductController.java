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

    public ProductController(ProductStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
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
    @Operation(summary = "One product by id or slug")
    public Mono<ProductView> get(@PathVariable String idOrSlug) {
        return store.findByIdOrSlug(idOrSlug).map(ProductView::of)
                .switchIfEmpty(Mono.error(ApiException.notFound("product " + idOrSlug)));
    }

    @GetMapping
    @Operation(summary = "Products, newest first, cursor-paginated")
    public Mono<CursorPage<ProductView>> list(@RequestParam(required = false) Integer limit,
                                              @RequestParam(required = false) String cursor) {
        int n = CursorPage.limit(limit);
        CursorPage.TimeKey after = CursorPage.TimeKey.decode(cursor);
        return store.page(after == null ? null : after.time(), after == null ? null : after.id(), n + 1)
                .map(ProductView::of).collectList()
                .map(items -> CursorPage.fromOverfetch(items, n, last -> new CursorPage.TimeKey(last.createdAt(), last.id()).encode()));
    }
}
