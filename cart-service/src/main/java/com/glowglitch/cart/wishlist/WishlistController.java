package com.glowglitch.cart.wishlist;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.glowglitch.cart.cart.CartController;
import com.glowglitch.cart.cart.CartLine;
import com.glowglitch.cart.cart.Shopper;
import com.glowglitch.platform.money.Money;
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

@RestController
@RequestMapping("/api/wishlists")
public class WishlistController {

    static final String ID = "[A-Za-z0-9_\\-]{1,64}";
    /** Names and notes are shown to other people on shared lists: no markup, no control characters. */
    static final String TEXT = "[^<>\\p{Cntrl}]*";

    public record NewList(@NotBlank @Size(max = 60) @Pattern(regexp = TEXT, message = "must not contain < > or control characters") String name,
                          @Pattern(regexp = "private|unlisted|public") String privacy) {
    }

    public record ListChange(@NotNull Long version,
                             @Size(min = 1, max = 60) @Pattern(regexp = TEXT, message = "must not contain < > or control characters") String name,
                             @Pattern(regexp = "private|unlisted|public") String privacy) {
    }

    public record Alert(@NotNull @Pattern(regexp = "any-drop|below") String kind, @Valid Money targetPrice) {

        Wishlist.PriceAlert toAlert() {
            if ("below".equals(kind) == (targetPrice == null)) {
                throw ApiException.badRequest("invalid-alert", "a 'below' alert needs targetPrice; 'any-drop' takes none");
            }
            return new Wishlist.PriceAlert(kind, targetPrice == null ? 0 : targetPrice.amountMinor());
        }
    }

    public record NewItem(@NotBlank @Pattern(regexp = ID) String productId,
                          @Pattern(regexp = "[A-Z0-9][A-Z0-9-]{2,39}") String sku,
                          @Valid CartController.Options options, @Valid CartController.Customization customization,
                          @Size(max = 500) @Pattern(regexp = TEXT, message = "must not contain < > or control characters") String note,
                          @Valid Alert priceAlert, Boolean backInStockAlert) {
    }

    public record ItemChange(@Size(max = 500) @Pattern(regexp = TEXT, message = "must not contain < > or control characters") String note,
                             @Valid Alert priceAlert, Boolean removePriceAlert, Boolean backInStockAlert) {
    }

    public record Move(@Positive @Max(100) Integer quantity, @Pattern(regexp = "[A-Z0-9][A-Z0-9-]{2,39}") String sku) {
    }

    public record Summary(String id, String name, String privacy, int itemCount, Instant updatedAt) {
    }

    public record ItemView(String id, String productId, String sku, String name, String slug, CartLine.LineOptions options,
                           CartLine.CustomizationRef customization, String note, Money price, Wishlist.PriceAlert priceAlert,
                           boolean backInStockAlert, boolean outOfStock, boolean unavailable, Instant addedAt) {
    }

    /** The owner's view: with the share link and alerts. */
    public record View(String id, String name, String privacy, String sharePath, List<ItemView> items, int itemCount,
                       Instant createdAt, Instant updatedAt, long version) {

        static View of(Wishlist w) {
            return new View(w.id(), w.name(), w.privacy(), w.shareable() && w.shareToken() != null
                    ? "/api/wishlists/shared/" + w.shareToken() : null,
                    w.items().stream().map(i -> new ItemView(i.id(), i.productId(), i.sku(), i.name(), i.slug(), i.options(),
                            i.customization(), i.note(), i.lastPrice(), i.priceAlert(), i.backInStockAlert(), i.outOfStock(),
                            i.unavailable(), i.addedAt())).toList(), w.items().size(), w.createdAt(), w.updatedAt(), w.version());
        }
    }

    /** What others see: the list and its pieces, not who owns it nor their alerts. */
    public record SharedView(String id, String name, List<SharedItem> items, Instant updatedAt) {

        public record SharedItem(String productId, String sku, String name, String slug, CartLine.LineOptions options,
                                 String note, Money price, boolean outOfStock, boolean unavailable) {
        }

        static SharedView of(Wishlist w) {
            return new SharedView(w.id(), w.name(), w.items().stream().map(i -> new SharedItem(i.productId(), i.sku(), i.name(),
                    i.slug(), i.options(), i.note(), i.lastPrice(), i.outOfStock(), i.unavailable())).toList(), w.updatedAt());
        }
    }

    private final WishlistService wishlists;
    private final com.glowglitch.cart.cart.CartViews cartViews;

    public WishlistController(WishlistService wishlists, com.glowglitch.cart.cart.CartViews cartViews) {
        this.wishlists = wishlists;
        this.cartViews = cartViews;
    }

    @GetMapping
    @Operation(summary = "My wishlists (at most 50)")
    public Mono<List<Summary>> mine(@AuthenticationPrincipal Jwt jwt) {
        return wishlists.ownedBy(Shopper.of(jwt))
                .map(w -> new Summary(w.id(), w.name(), w.privacy(), w.items().size(), w.updatedAt())).collectList();
    }

    @PostMapping
    @Operation(summary = "Create a wishlist (private by default; unlisted or public get a share link). 422 past 50 lists")
    public Mono<ResponseEntity<View>> create(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody NewList body) {
        return wishlists.create(Shopper.of(jwt), body.name(), body.privacy())
                .map(w -> ResponseEntity.created(URI.create("/api/wishlists/" + w.id())).body(View.of(w)));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One wishlist: the owner's, or anyone's public one; otherwise 404")
    public Mono<Object> get(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        return wishlists.readable(Shopper.of(jwt), id)
                .map(w -> w.owner().equals(jwt.getSubject()) ? (Object) View.of(w) : SharedView.of(w));
    }

    @GetMapping("/shared/{token}")
    @Operation(summary = "A shared (unlisted or public) wishlist by its link, without signing in")
    public Mono<SharedView> shared(@PathVariable String token) {
        if (!token.matches("[A-Za-z0-9_\\-]{16,64}")) {
            return Mono.error(ApiException.notFound("shared wishlist"));
        }
        return wishlists.shared(token).map(SharedView::of);
    }

    @PatchMapping("/{id}")
    @Operation(summary = "Rename or change privacy (version required; 409 when stale). Becoming shareable emits WishlistShared")
    public Mono<View> change(@AuthenticationPrincipal Jwt jwt, @PathVariable String id, @Valid @RequestBody ListChange body) {
        return wishlists.update(Shopper.of(jwt), id, body.version(), body.name(), body.privacy()).map(View::of);
    }

    @PostMapping("/{id}/share-link")
    @Operation(summary = "Replace the share link; the old one stops working")
    public Mono<View> newLink(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        return wishlists.rotateShareToken(Shopper.of(jwt), id).map(View::of);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a wishlist")
    public Mono<Void> delete(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        return wishlists.delete(Shopper.of(jwt), id);
    }

    @PostMapping("/{id}/items")
    @Operation(summary = "Save a piece (optionally a SKU, options or a customization, a note, a price alert: any-drop or "
            + "below a target, a back-in-stock alert). 422 past 500 items; 503 when the catalog is down")
    public Mono<View> addItem(@AuthenticationPrincipal Jwt jwt, @PathVariable String id, @Valid @RequestBody NewItem body) {
        CartLine.LineOptions options = body.options() == null ? null : body.options().toLine();
        CartLine.CustomizationRef custom = body.customization() == null ? null : body.customization().toRef();
        return wishlists.addItem(Shopper.of(jwt), id, new WishlistService.NewItem(body.productId(), body.sku(), options, custom,
                body.note(), body.priceAlert() == null ? null : body.priceAlert().toAlert(),
                Boolean.TRUE.equals(body.backInStockAlert()))).map(View::of);
    }

    @PatchMapping("/{id}/items/{itemId}")
    @Operation(summary = "Change an item's note or alerts")
    public Mono<View> changeItem(@AuthenticationPrincipal Jwt jwt, @PathVariable String id, @PathVariable String itemId,
                                 @Valid @RequestBody ItemChange body) {
        return wishlists.changeItem(Shopper.of(jwt), id, itemId, body.note(),
                body.priceAlert() == null ? null : body.priceAlert().toAlert(), body.backInStockAlert(),
                Boolean.TRUE.equals(body.removePriceAlert())).map(View::of);
    }

    @DeleteMapping("/{id}/items/{itemId}")
    @Operation(summary = "Take an item off the list")
    public Mono<View> removeItem(@AuthenticationPrincipal Jwt jwt, @PathVariable String id, @PathVariable String itemId) {
        return wishlists.removeItem(Shopper.of(jwt), id, itemId).map(View::of);
    }

    @PostMapping("/{id}/items/{itemId}/move-to-cart")
    @Operation(summary = "Put the item in my cart (priced and held) and take it off the list only if that worked; "
            + "422 out-of-stock leaves it on the list. Answers the cart")
    public Mono<Object> moveToCart(@AuthenticationPrincipal Jwt jwt, @PathVariable String id, @PathVariable String itemId,
                                   @Valid @RequestBody(required = false) Move body) {
        int qty = body == null || body.quantity() == null ? 1 : body.quantity();
        return wishlists.moveToCart(Shopper.of(jwt), id, itemId, qty, body == null ? null : body.sku())
                .flatMap(cartViews::view);
    }
}
