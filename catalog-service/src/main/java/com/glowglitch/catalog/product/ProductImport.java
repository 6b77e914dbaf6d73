package com.glowglitch.catalog.product;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.glowglitch.platform.web.ApiException;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Validator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bulk import of products from a JSON array (admin). Each row stands alone: it is parsed as
 * strictly as {@code POST /api/products}, validated, and created with its {@code ProductCreated}
 * in one write — or rejected with its reasons. One bad row never stops the others, and no row is
 * ever half-written. The answer reports every row by its index.
 */
@RestController
@PreAuthorize("hasRole('admin')")
public class ProductImport {

    public static final int MAX_ROWS = 500;

    public record Created(int index, String id, String slug) {
    }

    public record Rejected(int index, String name, List<String> errors) {
    }

    public record Report(int received, List<Created> created, List<Rejected> rejected) {
    }

    private final ProductStore store;
    private final JsonMapper json;
    private final Validator validator;
    private final Clock clock;

    public ProductImport(ProductStore store, JsonMapper json, Validator validator, Clock clock) {
        this.store = store;
        this.json = json;
        this.validator = validator;
        this.clock = clock;
    }

    @PostMapping("/api/products/import")
    @Operation(summary = "Create up to 500 products from a JSON array (admin): each row all-or-nothing, validated like "
            + "POST /api/products; the answer lists created rows (id, slug) and rejected rows with their reasons")
    public Mono<Report> importRows(@RequestBody JsonNode body, @AuthenticationPrincipal Jwt admin) {
        if (body == null || !body.isArray()) {
            return Mono.error(ApiException.badRequest("invalid-import", "the body must be a JSON array of products"));
        }
        if (body.size() == 0 || body.size() > MAX_ROWS) {
            return Mono.error(ApiException.badRequest("invalid-import", "an import holds 1 to " + MAX_ROWS + " products"));
        }
        List<JsonNode> rows = new ArrayList<>();
        body.forEach(rows::add);
        List<Created> created = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        return Flux.range(0, rows.size())
                .concatMap(i -> one(i, rows.get(i), admin.getSubject())
                        .doOnNext(r -> {
                            if (r instanceof Created c) {
                                created.add(c);
                            } else {
                                rejected.add((Rejected) r);
                            }
                        }))
                .then(Mono.fromSupplier(() -> {
                    rejected.sort(Comparator.comparingInt(Rejected::index));
                    return new Report(rows.size(), created, rejected);
                }));
    }

    private Mono<Object> one(int index, JsonNode row, String admin) {
        String name = row.isObject() && row.get("name") != null && row.get("name").isString()
                ? abbreviate(row.get("name").asString()) : null;
        NewProduct cmd;
        try {
            cmd = json.treeToValue(row, NewProduct.class);
        } catch (JacksonException | IllegalArgumentException e) {
            return Mono.just(new Rejected(index, name, List.of("malformed: " + abbreviate(e.getMessage()))));
        }
        if (cmd == null) {
            return Mono.just(new Rejected(index, name, List.of("malformed: a row must be a JSON object")));
        }
        List<String> errors = validator.validate(cmd).stream()
                .map(v -> v.getPropertyPath() + ": " + v.getMessage()).sorted().toList();
        if (!errors.isEmpty()) {
            return Mono.just(new Rejected(index, name, errors));
        }
        Product p;
        try {
            p = Product.create(UUID.randomUUID().toString(), cmd, Slugs.of(cmd.name()), admin, clock.instant());
        } catch (IllegalArgumentException e) {
            return Mono.just(new Rejected(index, name, List.of(e.getMessage())));
        }
        return store.insert(p).<Object>map(saved -> new Created(index, saved.id(), saved.slug()))
                .onErrorResume(ApiException.class, e -> Mono.just(new Rejected(index, name, List.of(e.getMessage()))))
                .onErrorResume(DuplicateKeyException.class, e -> Mono.just(new Rejected(index, name, List.of("duplicate: " + abbreviate(e.getMessage())))));
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
