package com.glowglitch.cart.cart;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.glowglitch.platform.security.Roles;
import com.glowglitch.platform.web.ApiException;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;

/** The caller's own cart (user or guest token). Every answer is the whole cart with fresh totals. */
@RestController
@RequestMapping("/api/carts")
public class CartController {

    static final String ID = "[A-Za-z0-9_\\-]{1,64}";
    static final String SKU = "[A-Z0-9][A-Z0-9-]{2,39}";
    static final String CODE = "[a-z0-9][a-z0-9-]{0,39}";

    public record Options(@Pattern(regexp = CODE) String material, @Pattern(regexp = CODE) String gemstone,
                          @Pattern(regexp = CODE) String size,
                          @Size(max = 200) @Pattern(regexp = "[^\\p{Cntrl}]*", message = "must not contain control characters") String engraving) {

        public CartLine.LineOptions toLine() {
            return new CartLine.LineOptions(material, gemstone, size, engraving == null || engraving.isEmpty() ? null : engraving);
        }
    }

    public record Customization(@NotBlank @Pattern(regexp = ID) String id, @NotNull @Positive @Max(1_000_000) Integer version) {

        public CartLine.CustomizationRef toRef() {
            return new CartLine.CustomizationRef(id, version);
        }
    }

    public record NewItem(@NotBlank @Pattern(regexp = ID) String productId, @NotBlank @Pattern(regexp = SKU) String sku,
                          @NotNull @Positive @Max(100) Integer quantity, @Valid Options options,
                          @Valid Customization customization) {
    }

    public record NewQuantity(@NotNull @Positive @Max(100) Integer quantity) {
    }

    public record Merge(@NotBlank @Size(max = 4096) String guestToken) {
    }

    private final CartService carts;
    private final ReactiveJwtDecoder jwts;
    private final CartViews views;

    public CartController(CartService carts, ReactiveJwtDecoder jwts, CartViews views) {
        this.carts = carts;
        this.jwts = jwts;
        this.views = views;
    }

    public record ApplyCode(@NotBlank @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9_-]{2,31}") String code) {
    }

    @PostMapping("/me/discount")
    @Operation(summary = "Apply a discount code (one per cart; a new one replaces the old). 422 with the reason: unknown, "
            + "inactive, not-started, expired, exhausted, already-used, below-minimum, not-applicable")
    public Mono<CartView> applyDiscount(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody ApplyCode body) {
        return carts.applyDiscount(Shopper.of(jwt), body.code()).flatMap(this::view);
    }

    @DeleteMapping("/me/discount")
    @Operation(summary = "Remove the discount code from my cart")
    public Mono<CartView> removeDiscount(@AuthenticationPrincipal Jwt jwt) {
        return carts.removeDiscount(Shopper.of(jwt)).flatMap(this::view);
    }

    @GetMapping("/me")
    @Operation(summary = "My cart: lines with price snapshot, state (reserved, reservation-expired, unavailable), hold expiry, "
            + "price-change flags and estimated totals in minor units")
    public Mono<CartView> mine(@AuthenticationPrincipal Jwt jwt) {
        Shopper who = Shopper.of(jwt);
        return carts.current(who).flatMap(c -> c.map(this::view).orElseGet(() -> Mono.just(views.empty(who.guest()))));
    }

    @PostMapping("/me/items")
    @Operation(summary = "Add a product SKU (with options or a customization): priced by the catalog and held for 15 minutes; "
            + "the same item again adds to its line. 422 out-of-stock / option-not-offered / quantity-limit, 503 when the catalog is down")
    public Mono<CartView> add(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody NewItem body) {
        CartLine.LineOptions options = body.options() == null ? CartLine.LineOptions.NONE : body.options().toLine();
        CartLine.CustomizationRef custom = body.customization() == null ? null : body.customization().toRef();
        return carts.add(Shopper.of(jwt), new CartService.AddItem(body.productId(), body.sku(), body.quantity(),
                options.equals(CartLine.LineOptions.NONE) ? null : options, custom)).flatMap(this::view);
    }

    @PatchMapping("/me/items/{lineId}")
    @Operation(summary = "Change a line's quantity; its stock hold grows or shrinks with it")
    public Mono<CartView> change(@AuthenticationPrincipal Jwt jwt, @PathVariable String lineId,
                                 @Valid @RequestBody NewQuantity body) {
        return carts.changeQuantity(Shopper.of(jwt), lineId, body.quantity()).flatMap(this::view);
    }

    @DeleteMapping("/me/items/{lineId}")
    @Operation(summary = "Remove a line and give its stock back")
    public Mono<CartView> remove(@AuthenticationPrincipal Jwt jwt, @PathVariable String lineId) {
        return carts.remove(Shopper.of(jwt), lineId).flatMap(this::view);
    }

    @PostMapping("/me/items/{lineId}/reserve")
    @Operation(summary = "Hold stock again for a line whose reservation expired (422 out-of-stock if it is gone)")
    public Mono<CartView> reReserve(@AuthenticationPrincipal Jwt jwt, @PathVariable String lineId) {
        return carts.reReserve(Shopper.of(jwt), lineId).flatMap(this::view);
    }

    @PostMapping("/me/acknowledge")
    @Operation(summary = "The shopper has seen the changed prices: clear the price-changed flags")
    public Mono<CartView> acknowledge(@AuthenticationPrincipal Jwt jwt) {
        return carts.acknowledge(Shopper.of(jwt)).flatMap(this::view);
    }

    @PostMapping("/me/restore")
    @Operation(summary = "Take back the cart of an order that was cancelled before payment; its lines are held again "
            + "where stock allows. 404 when there is none, 409 while another cart has items")
    public Mono<CartView> restore(@AuthenticationPrincipal Jwt jwt) {
        return carts.restore(Shopper.of(jwt)).flatMap(this::view);
    }

    @PostMapping("/me/merge")
    @Operation(summary = "After sign-in: fold the cart of a guest token into mine (quantities add up to the limits, "
            + "holds follow, the guest cart closes). Idempotent")
    public Mono<CartView> merge(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody Merge body) {
        return jwts.decode(body.guestToken())
                .onErrorMap(JwtException.class, e -> ApiException.badRequest("invalid-guest-token", "the guest token is not valid"))
                .flatMap(g -> {
                    Shopper guest = Shopper.of(g);
                    if (!guest.guest()) {
                        return Mono.error(ApiException.badRequest("invalid-guest-token", "that token is not a guest token"));
                    }
                    return carts.merge(Shopper.of(jwt), guest);
                })
                .flatMap(this::view);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One cart by id: its owner or an admin (order-service reads the cart being checked out this way)")
    public Mono<CartView> byId(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        Shopper who = Shopper.of(jwt);
        java.util.List<String> roles = jwt.getClaimAsStringList("roles");
        boolean admin = roles != null && roles.contains(Roles.ADMIN);
        return carts.byId(id).filter(c -> admin || c.owner().equals(who.id())).flatMap(this::view)
                .switchIfEmpty(Mono.error(ApiException.notFound("cart " + id)));
    }

    private Mono<CartView> view(Cart c) {
        return views.view(c);
    }
}
