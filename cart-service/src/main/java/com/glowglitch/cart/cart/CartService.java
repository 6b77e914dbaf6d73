package com.glowglitch.cart.cart;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import com.glowglitch.cart.catalog.Catalog;
import com.glowglitch.cart.config.CartProperties;
import com.glowglitch.platform.web.ApiException;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The shopper's cart operations. Each change asks the catalog first (price, stock hold) and
 * writes the cart once, guarded by its version; when the write loses, the hold taken for it is
 * given back, so a failed request leaves neither the cart nor the stock changed.
 */
@Service
public class CartService {

    private static final Logger log = LoggerFactory.getLogger(CartService.class);

    private final CartStore store;
    private final Catalog catalog;
    private final Clock clock;
    private final Cart.Limits limits;
    private final Duration refreshAfter;
    private final Duration reservationTtl;

    private final com.glowglitch.cart.discount.Discounts discounts;

    private final com.glowglitch.cart.customization.Designs designs;

    public CartService(CartStore store, Catalog catalog, Clock clock, CartProperties props,
                       com.glowglitch.cart.discount.Discounts discounts, com.glowglitch.cart.customization.Designs designs) {
        this.discounts = discounts;
        this.designs = designs;
        this.store = store;
        this.catalog = catalog;
        this.clock = clock;
        this.limits = props.limits();
        this.refreshAfter = props.getRefreshHoldsAfter();
        this.reservationTtl = props.getReservationTtl();
    }

    public Mono<Optional<Cart>> current(Shopper who) {
        return store.active(who.id()).map(Optional::of).defaultIfEmpty(Optional.empty());
    }

    public Mono<Cart> byId(String id) {
        return store.byId(id);
    }

    public record AddItem(String productId, String sku, int quantity, CartLine.LineOptions options,
                          CartLine.CustomizationRef customization) {
    }

    /** Adds an item; a named design is checked first and gives the line its options. */
    public Mono<Cart> add(Shopper who, AddItem asked) {
        return designs.optionsFor(asked.productId(), asked.options(), asked.customization(), who.token())
                .map(o -> new AddItem(asked.productId(), asked.sku(), asked.quantity(),
                        o.equals(CartLine.LineOptions.NONE) ? null : o, asked.customization()))
                .flatMap(item -> addChecked(who, item));
    }

    private Mono<Cart> addChecked(Shopper who, AddItem item) {
        return store.openFor(who.id(), who.guest()).flatMap(c -> refreshed(c, who)).flatMap(cart -> {
            cart.requireOpen();
            Optional<CartLine> same = cart.sameItem(item.sku(), item.options(), item.customization());
            if (same.isPresent()) {
                return setQuantity(who, cart, same.get(), same.get().quantity() + item.quantity());
            }
            return catalog.quote(item.productId(), item.sku(), item.options(), who.token()).flatMap(q -> {
                if (!"active".equals(q.status())) {
                    return Mono.error(ApiException.unprocessable("not-for-sale", "this product is not for sale"));
                }
                CartLine line = new CartLine(UUID.randomUUID().toString(), q.productId(), item.sku(), q.name(), q.slug(), q.category(),
                        item.quantity(), item.options(), item.customization(), q.total(), q.modifiersMinor(), null,
                        null, null, CartLine.LineState.RESERVED, clock.instant(), q.image());
                cart.plus(line, limits); // refuse over-limit before holding any stock
                return catalog.reserve(cart.id(), item.sku(), item.quantity(), who.token())
                        .flatMap(h -> store.write(cart, cart.plus(line.withHold(h.id(), h.expiresAt()), limits))
                                .onErrorResume(e -> giveBack(h.id(), who).then(Mono.error(e))));
            });
        });
    }

    public Mono<Cart> changeQuantity(Shopper who, String lineId, int quantity) {
        return mine(who).flatMap(c -> refreshed(c, who)).flatMap(cart -> {
            cart.requireOpen();
            CartLine line = cart.line(lineId).orElseThrow(() -> ApiException.notFound("cart line " + lineId));
            return setQuantity(who, cart, line, quantity);
        });
    }

    private Mono<Cart> setQuantity(Shopper who, Cart cart, CartLine line, int quantity) {
        if (line.state() == CartLine.LineState.UNAVAILABLE) {
            return Mono.error(ApiException.unprocessable("not-for-sale", "this product is no longer for sale"));
        }
        cart.replacing(line.id(), l -> l.withQuantity(quantity), limits);
        Mono<Catalog.Hold> hold = line.reservationId() != null
                ? catalog.resize(line.reservationId(), quantity, who.token())
                        .onErrorResume(e -> isGone(e), e -> catalog.reserve(cart.id(), line.sku(), quantity, who.token()))
                : catalog.reserve(cart.id(), line.sku(), quantity, who.token());
        return hold.flatMap(h -> store.write(cart, cart.replacing(line.id(), l -> l.withQuantity(quantity).withHold(h.id(), h.expiresAt()), limits))
                .onErrorResume(e -> (h.id().equals(line.reservationId())
                        ? catalog.resize(h.id(), line.quantity(), who.token()).then()
                        : giveBack(h.id(), who)).onErrorResume(x -> Mono.empty()).then(Mono.error(e))));
    }

    public Mono<Cart> remove(Shopper who, String lineId) {
        return mine(who).flatMap(cart -> {
            cart.requireOpen();
            CartLine line = cart.line(lineId).orElseThrow(() -> ApiException.notFound("cart line " + lineId));
            return store.write(cart, cart.without(lineId))
                    .flatMap(saved -> (line.reservationId() == null ? Mono.<Void>empty() : giveBack(line.reservationId(), who))
                            .thenReturn(saved));
        });
    }

    /** A line whose reservation lapsed holds stock again (422 out-of-stock when there is none left). */
    public Mono<Cart> reReserve(Shopper who, String lineId) {
        return mine(who).flatMap(c -> refreshed(c, who)).flatMap(cart -> {
            cart.requireOpen();
            CartLine line = cart.line(lineId).orElseThrow(() -> ApiException.notFound("cart line " + lineId));
            if (line.state() == CartLine.LineState.RESERVED) {
                return Mono.just(cart);
            }
            return setQuantity(who, cart, line, line.quantity());
        });
    }

    /**
     * Takes back the cart of an order cancelled before payment: it is active again with its lines,
     * whose stock is held again where the shelf still has it (the others show as expired and can
     * be re-reserved). 404 when there is nothing to restore; 409 when another cart is being filled.
     */
    public Mono<Cart> restore(Shopper who) {
        return store.latestRestorable(who.id()).switchIfEmpty(Mono.error(() -> ApiException.notFound("restorable cart")))
                .flatMap(old -> store.active(who.id())
                        .flatMap(current -> current.lines().isEmpty() ? store.removeIfEmpty(current)
                                : Mono.<Boolean>error(ApiException.conflict("cart-in-progress",
                                        "you are filling another cart; check it out or empty it first")))
                        .then(store.updateIf(old.id(), org.springframework.data.mongodb.core.query.Criteria.where("status")
                                        .is(CartStatus.CONVERTED.name()).and("restorable").is(true),
                                new Update().set("status", CartStatus.ACTIVE.name()).set("activeOwner", who.id())
                                        .set("restorable", false).unset("order")
                                        .set("lines", old.lines().stream().map(l -> l.state() == CartLine.LineState.UNAVAILABLE ? l
                                                : l.withState(CartLine.LineState.RESERVATION_EXPIRED)).toList())
                                        .set("lastActivityAt", clock.instant()).set("abandoned", false)))
                        .switchIfEmpty(Mono.error(() -> ApiException.conflict("cart-changed", "the cart changed meanwhile; try again"))))
                .flatMap(restored -> Flux.fromIterable(restored.lines())
                        .filter(l -> l.state() == CartLine.LineState.RESERVATION_EXPIRED)
                        .concatMap(l -> catalog.reserve(restored.id(), l.sku(), l.quantity(), who.token())
                                .map(h -> l.withHold(h.id(), h.expiresAt()))
                                .onErrorResume(e -> Mono.empty()))
                        .collectList()
                        .flatMap(held -> held.isEmpty() ? Mono.just(restored) : store.write(restored, restored.lines().stream()
                                .map(l -> held.stream().filter(h -> h.id().equals(l.id())).findFirst().orElse(l)).toList())
                                .onErrorResume(e -> Flux.fromIterable(held).concatMap(h -> giveBack(h.reservationId(), who))
                                        .then(Mono.error(e)))));
    }

    public Mono<Cart> applyDiscount(Shopper who, String code) {
        return mine(who).flatMap(cart -> {
            cart.requireOpen();
            return discounts.usable(code, who.id()).flatMap(c -> {
                AppliedDiscount applied = c.applied();
                String why = applied.notApplicable(cart.lines(), clock.instant());
                if ("below-minimum".equals(why)) {
                    return Mono.error(new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "discount-below-minimum",
                            "Discount not applicable", "this code needs a subtotal of at least " + c.minSubtotalMinor()
                            + " (minor units)", java.util.Map.of("reason", "below-minimum", "minSubtotalMinor", c.minSubtotalMinor())));
                }
                if (why != null) {
                    return Mono.error(new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "discount-" + why,
                            "Discount not applicable", "this code does not apply to what is in your cart", java.util.Map.of("reason", why)));
                }
                return store.write(cart, cart.lines(), new Update().set("discount", applied), true);
            });
        });
    }

    public Mono<Cart> removeDiscount(Shopper who) {
        return mine(who).flatMap(cart -> {
            cart.requireOpen();
            return store.write(cart, cart.lines(), new Update().unset("discount"), true);
        });
    }

    /** The shopper has seen the price changes: the flags go. */
    public Mono<Cart> acknowledge(Shopper who) {
        return mine(who).flatMap(cart -> store.write(cart, cart.lines().stream().map(CartLine::acknowledged).toList()));
    }

    /**
     * Folds the guest token's cart into the signed-in shopper's: same items add up (to the
     * per-line limit), holds move to the shopper's cart without stock changing hands, the guest
     * cart is closed. Claiming the guest cart comes first, so a repeated or concurrent merge finds
     * nothing left to merge and changes nothing.
     */
    public Mono<Cart> merge(Shopper who, Shopper guest) {
        if (who.guest()) {
            return Mono.error(ApiException.unprocessable("sign-in-required", "sign in before merging a guest cart"));
        }
        return store.active(guest.id())
                .flatMap(guestCart -> store.openFor(who.id(), false).flatMap(mine -> {
                    mine.requireOpen();
                    if (guestCart.lines().isEmpty()) {
                        return store.close(guestCart, CartStatus.MERGED, new Update().set("mergedInto", mine.id())).thenReturn(mine);
                    }
                    return store.close(guestCart, CartStatus.MERGED, new Update().set("mergedInto", mine.id()))
                            .flatMap(claimed -> Flux.fromIterable(claimed.lines())
                                    .reduce(Mono.<List<CartLine>>just(new ArrayList<>(mine.lines())),
                                            (acc, g) -> acc.flatMap(lines -> fold(who, mine.id(), lines, g)))
                                    .flatMap(m -> m)
                                    .flatMap(lines -> store.write(mine, lines,
                                            new Update().push("mergedFrom", claimed.id()), true)));
                }))
                .switchIfEmpty(Mono.defer(() -> store.openFor(who.id(), false)));
    }

    /** One guest line into the shopper's lines; anything that cannot follow is let go, never half-moved. */
    private Mono<List<CartLine>> fold(Shopper who, String cartId, List<CartLine> lines, CartLine g) {
        int at = indexOfSame(lines, g);
        String guestHold = g.reservationId();
        if (at < 0) {
            List<CartLine> next = new ArrayList<>(lines);
            next.add(g);
            if (!fits(next)) {
                return giveBackIfHeld(guestHold, who).thenReturn(lines);
            }
            if (guestHold == null) {
                return Mono.just(next);
            }
            return catalog.transfer(guestHold, cartId, null, who.token())
                    .map(h -> replaceAt(next, next.size() - 1, g.withHold(h.id(), h.expiresAt())))
                    .onErrorResume(this::isGone, e -> Mono.just(replaceAt(next, next.size() - 1, g.withHold(null, null))));
        }
        CartLine mine = lines.get(at);
        int take = Math.min(g.quantity(), limits.perLine() - mine.quantity());
        List<CartLine> grown = replaceAt(lines, at, mine.withQuantity(mine.quantity() + take));
        if (take <= 0 || !fits(grown)) {
            return giveBackIfHeld(guestHold, who).thenReturn(lines);
        }
        if (guestHold != null && mine.reservationId() != null) {
            Mono<Catalog.Hold> trimmed = take < g.quantity() ? catalog.resize(guestHold, take, who.token()) : Mono.empty();
            return trimmed.then(catalog.transfer(guestHold, cartId, mine.reservationId(), who.token()))
                    .map(h -> replaceAt(lines, at, mine.withQuantity(h.quantity()).withHold(h.id(), h.expiresAt())))
                    .onErrorResume(e -> giveBackIfHeld(guestHold, who).thenReturn(lines));
        }
        CartLine summed = mine.withQuantity(mine.quantity() + take);
        if (guestHold == null && mine.reservationId() == null) {
            return Mono.just(replaceAt(lines, at, summed));
        }
        if (guestHold == null) {
            // the shopper's hold grows to cover the guest's units, or the line stays as it was
            return catalog.resize(mine.reservationId(), summed.quantity(), who.token())
                    .map(h -> replaceAt(lines, at, summed.withHold(h.id(), h.expiresAt())))
                    .onErrorResume(e -> Mono.just(lines));
        }
        // only the guest's units are held: that hold moves over and grows to the whole line, or is let go
        return catalog.transfer(guestHold, cartId, null, who.token())
                .flatMap(h -> catalog.resize(h.id(), summed.quantity(), who.token())
                        .onErrorResume(e -> giveBack(h.id(), who).then(Mono.empty())))
                .map(h -> replaceAt(lines, at, summed.withHold(h.id(), h.expiresAt())))
                .switchIfEmpty(Mono.fromSupplier(() -> replaceAt(lines, at, summed.withHold(null, null))))
                .onErrorResume(e -> giveBackIfHeld(guestHold, who).thenReturn(replaceAt(lines, at, summed.withHold(null, null))));
    }

    private int indexOfSame(List<CartLine> lines, CartLine g) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).sameItemAs(g.sku(), g.options(), g.customization())) {
                return i;
            }
        }
        return -1;
    }

    private boolean fits(List<CartLine> lines) {
        try {
            limits.check(lines);
            return true;
        } catch (ApiException e) {
            return false;
        }
    }

    private static List<CartLine> replaceAt(List<CartLine> lines, int i, CartLine l) {
        List<CartLine> next = new ArrayList<>(lines);
        next.set(i, l);
        return next;
    }

    private Mono<Cart> mine(Shopper who) {
        return store.active(who.id()).switchIfEmpty(Mono.error(() -> ApiException.notFound("cart")));
    }

    /**
     * Cart activity keeps the cart's holds alive: any hold older than {@code refreshAfter} lasts
     * another full period; a hold the catalog no longer has is shown as expired. A catalog outage
     * does not stop the shopper here — the holds are simply not refreshed this time.
     */
    Mono<Cart> refreshed(Cart cart, Shopper who) {
        Instant now = clock.instant();
        List<CartLine> due = cart.lines().stream().filter(l -> l.reservationId() != null && l.reservedUntil() != null
                && Duration.between(now, l.reservedUntil()).compareTo(refreshWindow()) < 0).toList();
        if (due.isEmpty()) {
            return Mono.just(cart);
        }
        return Flux.fromIterable(due)
                .flatMap(l -> catalog.refresh(l.reservationId(), who.token())
                        .map(h -> l.withHold(h.id(), h.expiresAt()))
                        .onErrorResume(this::isGone, e -> Mono.just(l.withState(CartLine.LineState.RESERVATION_EXPIRED)))
                        .onErrorResume(e -> Mono.just(l)))
                .collectList()
                .map(updated -> cart.withLines(cart.lines().stream()
                        .map(l -> updated.stream().filter(u -> u.id().equals(l.id())).findFirst().orElse(l)).toList()));
    }

    /** A hold is refreshed once less than this is left of it, i.e. at most once per {@code refreshAfter}. */
    private Duration refreshWindow() {
        return reservationTtl.minus(refreshAfter);
    }

    private boolean isGone(Throwable e) {
        return e instanceof ApiException a && a.status() == HttpStatus.NOT_FOUND;
    }

    private Mono<Void> giveBackIfHeld(String holdId, Shopper who) {
        return holdId == null ? Mono.empty() : giveBack(holdId, who);
    }

    /** Best effort: a hold we fail to release expires by itself within the reservation period. */
    private Mono<Void> giveBack(String holdId, Shopper who) {
        return catalog.release(holdId, who.token()).onErrorResume(e -> {
            log.warn("could not release hold {} now ({}); it expires on its own", holdId, e.getMessage());
            return Mono.empty();
        });
    }
}
