package com.glowglitch.cart.discount;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.glowglitch.platform.money.Money;
import com.glowglitch.platform.web.ApiException;
import com.glowglitch.platform.web.CursorPage;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;

/** Admin management of discount codes. Deleting deactivates: past redemptions still refer to the code. */
@RestController
@RequestMapping("/api/carts/discount-codes")
@PreAuthorize("hasRole('admin')")
public class DiscountCodeController {

    static final String CODE = "[A-Za-z0-9][A-Za-z0-9_-]{2,31}";

    public record NewCode(@NotBlank @Pattern(regexp = CODE) String code,
                          @NotNull @Pattern(regexp = "percentage|fixed") String kind,
                          @Min(1) @Max(100) Integer percentOff,
                          @Valid Money amountOff,
                          @Valid Money minSubtotal,
                          Instant startsAt, Instant endsAt,
                          @Positive @Max(10_000_000) Integer usageLimit,
                          @Positive @Max(1_000) Integer perUserLimit,
                          @Size(max = 100) List<@Pattern(regexp = "[A-Za-z0-9_\\-]{1,64}") String> productIds,
                          @Size(max = 7) List<@Pattern(regexp = "rings|necklaces|earrings|bracelets|anklets|charms|sets") String> categories,
                          Boolean active) {
    }

    public record CodeChange(@NotNull Long version, Boolean active, Instant startsAt, Instant endsAt,
                             @Positive @Max(10_000_000) Integer usageLimit, @Positive @Max(1_000) Integer perUserLimit,
                             @Valid Money minSubtotal) {
    }

    public record CodeView(String code, String kind, Integer percentOff, Long amountOffMinor, long minSubtotalMinor,
                           Instant startsAt, Instant endsAt, Integer usageLimit, Integer perUserLimit, int uses,
                           Integer remaining, List<String> productIds, List<String> categories, boolean active,
                           String createdBy, Instant createdAt, Instant updatedAt, long version) {

        static CodeView of(DiscountCode c) {
            boolean pct = DiscountCode.PERCENTAGE.equals(c.kind());
            return new CodeView(c.code(), c.kind(), pct ? c.percentBps() / 100 : null, pct ? null : c.amountOffMinor(),
                    c.minSubtotalMinor(), c.startsAt(), c.endsAt(), c.usageLimit(), c.perUserLimit(), c.uses(), c.remaining(),
                    c.productIds(), c.categories(), c.active(), c.createdBy(), c.createdAt(), c.updatedAt(), c.version());
        }
    }

    private final ReactiveMongoTemplate mongo;
    private final Clock clock;
    private final String currency;

    public DiscountCodeController(ReactiveMongoTemplate mongo, Clock clock, com.glowglitch.cart.config.CartProperties props) {
        this.mongo = mongo;
        this.clock = clock;
        this.currency = props.getCurrency();
    }

    @PostMapping
    @Operation(summary = "Create a code (admin): percentage (1–100) or fixed amount, minimum subtotal, validity window, "
            + "global and per-shopper limits, optional product/category restriction")
    public Mono<ResponseEntity<CodeView>> create(@Valid @RequestBody NewCode body, @AuthenticationPrincipal Jwt admin) {
        boolean pct = DiscountCode.PERCENTAGE.equals(body.kind());
        if (pct == (body.percentOff() == null) || !pct == (body.amountOff() == null)) {
            return Mono.error(ApiException.badRequest("invalid-discount",
                    "a percentage code needs percentOff (and no amountOff); a fixed code needs amountOff (and no percentOff)"));
        }
        if (!pct && body.amountOff().amountMinor() <= 0) {
            return Mono.error(ApiException.badRequest("invalid-discount", "amountOff must be more than zero"));
        }
        for (Money m : new Money[] {body.amountOff(), body.minSubtotal()}) {
            if (m != null && !currency.equals(m.currency())) {
                return Mono.error(ApiException.badRequest("invalid-discount", "amounts are in " + currency));
            }
        }
        if (body.startsAt() != null && body.endsAt() != null && !body.endsAt().isAfter(body.startsAt())) {
            return Mono.error(ApiException.badRequest("invalid-discount", "endsAt must be after startsAt"));
        }
        Instant now = clock.instant();
        DiscountCode code = new DiscountCode(Discounts.normalize(body.code()), body.kind(), pct ? body.percentOff() * 100 : 0,
                pct ? 0 : body.amountOff().amountMinor(), body.minSubtotal() == null ? 0 : body.minSubtotal().amountMinor(),
                body.startsAt(), body.endsAt(), body.usageLimit(), body.perUserLimit(), 0, body.usageLimit(), null,
                body.productIds(), body.categories(), body.active() == null || body.active(), admin.getSubject(), now, now, 0);
        return mongo.insert(code, Discounts.CODES)
                .map(c -> ResponseEntity.created(URI.create("/api/carts/discount-codes/" + c.code())).body(CodeView.of(c)))
                .onErrorMap(DuplicateKeyException.class, e -> ApiException.conflict("duplicate-code", "code " + code.code() + " exists"));
    }

    @GetMapping
    @Operation(summary = "All codes in alphabetical order (admin), cursor-paginated")
    public Mono<CursorPage<CodeView>> list(@RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        int n = CursorPage.limit(limit);
        String after = CursorPage.decode(cursor);
        Query q = new Query().with(Sort.by("_id")).limit(n + 1);
        if (after != null) {
            q.addCriteria(Criteria.where("_id").gt(after));
        }
        return mongo.find(q, DiscountCode.class, Discounts.CODES).map(CodeView::of).collectList()
                .map(items -> CursorPage.fromOverfetch(items, n, last -> CursorPage.encode(last.code())));
    }

    @GetMapping("/{code}")
    @Operation(summary = "One code with its usage (admin)")
    public Mono<CodeView> get(@PathVariable String code) {
        return mongo.findById(Discounts.normalize(code), DiscountCode.class, Discounts.CODES).map(CodeView::of)
                .switchIfEmpty(Mono.error(ApiException.notFound("discount code " + code)));
    }

    @PatchMapping("/{code}")
    @Operation(summary = "Change a code's window, limits, minimum or active flag (admin); version guards against lost updates")
    public Mono<CodeView> change(@PathVariable String code, @Valid @RequestBody CodeChange body) {
        return mongo.findById(Discounts.normalize(code), DiscountCode.class, Discounts.CODES)
                .switchIfEmpty(Mono.error(ApiException.notFound("discount code " + code)))
                .flatMap(c -> {
                    Update u = new Update().set("updatedAt", clock.instant()).inc("version", 1);
                    if (body.active() != null) {
                        u.set("active", body.active());
                    }
                    if (body.startsAt() != null) {
                        u.set("startsAt", body.startsAt());
                    }
                    if (body.endsAt() != null) {
                        u.set("endsAt", body.endsAt());
                    }
                    if (body.usageLimit() != null) {
                        u.set("usageLimit", body.usageLimit()).set("remaining", Math.max(0, body.usageLimit() - c.uses()));
                    }
                    if (body.perUserLimit() != null) {
                        u.set("perUserLimit", body.perUserLimit());
                    }
                    if (body.minSubtotal() != null) {
                        u.set("minSubtotalMinor", body.minSubtotal().amountMinor());
                    }
                    // uses guards too: a redemption counted since the read would make remaining wrong
                    Query q = Query.query(Criteria.where("_id").is(c.code()).and("version").is(body.version()).and("uses").is(c.uses()));
                    return mongo.findAndModify(q, u, FindAndModifyOptions.options().returnNew(true), DiscountCode.class, Discounts.CODES)
                            .switchIfEmpty(Mono.error(() -> ApiException.conflict("stale-version",
                                    "the code changed since version " + body.version() + "; reload it")));
                })
                .map(CodeView::of);
    }

    @DeleteMapping("/{code}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Deactivate a code (admin); carts holding it stop getting the discount")
    public Mono<Void> deactivate(@PathVariable String code) {
        return mongo.updateFirst(Query.query(Criteria.where("_id").is(Discounts.normalize(code))),
                        new Update().set("active", false).set("updatedAt", clock.instant()).inc("version", 1), Discounts.CODES)
                .flatMap(r -> r.getMatchedCount() == 0 ? Mono.error(ApiException.notFound("discount code " + code)) : Mono.empty());
    }
}
