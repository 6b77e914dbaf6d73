package com.glowglitch.cart.wishlist;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import com.glowglitch.cart.cart.Cart;
import com.glowglitch.cart.cart.CartLine;
import com.glowglitch.cart.cart.CartService;
import com.glowglitch.cart.cart.Shopper;
import com.glowglitch.cart.catalog.Catalog;
import com.glowglitch.cart.events.CartEvents;
import com.glowglitch.platform.events.EventFactory;
import com.glowglitch.platform.mongo.OnConflict;
import com.glowglitch.platform.outbox.Outbox;
import com.glowglitch.platform.web.ApiException;

import reactor.core.publisher.Mono;

/** A shopper's wishlists: at most 50 lists of 500 items; another shopper's private list is a 404, never a 403. */
@Service
public class WishlistService {

    public static final int MAX_LISTS = 50;
    public static final int MAX_ITEMS = 500;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final WishlistStore store;
    private final Catalog catalog;
    private final CartService carts;
    private final EventFactory events;
    private final Outbox outbox;
    private final Clock clock;

    private final com.glowglitch.cart.customization.Designs designs;

    public WishlistService(WishlistStore store, Catalog catalog, CartService carts, EventFactory events, Outbox outbox,
                           Clock clock, com.glowglitch.cart.customization.Designs designs) {
        this.designs = designs;
        this.store = store;
        this.catalog = catalog;
        this.carts = carts;
        this.events = events;
        this.outbox = outbox;
        this.clock = clock;
    }

    public Mono<Wishlist> create(Shopper who, String name, String privacy) {
        requireAccount(who);
        String p = privacy == null ? Wishlist.PRIVATE : privacy;
        return insertInFreeSlot(who, name.strip(), 5)
                .flatMap(saved -> p.equals(Wishlist.PRIVATE) ? Mono.just(saved) : changePrivacy(saved, p, who));
    }

    /**
     * Takes the lowest free slot of the owner's 50; two creates racing for the same slot meet the
     * unique (owner, slot) index and the loser tries the next free one — so no interleaving makes a 51st.
     */
    private Mono<Wishlist> insertInFreeSlot(Shopper who, String name, int attempts) {
        return store.ownedBy(who.id()).map(Wishlist::slot).collect(java.util.stream.Collectors.toSet()).flatMap(used -> {
            int slot = 0;
            while (slot < MAX_LISTS && used.contains(slot)) {
                slot++;
            }
            if (slot >= MAX_LISTS) {
                return Mono.error(ApiException.unprocessable("wishlist-limit", "at most " + MAX_LISTS + " wishlists per shopper"));
            }
            var now = clock.instant();
            return store.insert(new Wishlist(UUID.randomUUID().toString(), who.id(), slot, name, Wishlist.PRIVATE, null, List.of(),
                            now, now, 0))
                    .onErrorResume(org.springframework.dao.DuplicateKeyException.class, e -> attempts > 1
                            ? insertInFreeSlot(who, name, attempts - 1)
                            : Mono.error(ApiException.conflict("wishlist-busy", "lists are being created at the same time; try again")));
        });
    }

    public reactor.core.publisher.Flux<Wishlist> ownedBy(Shopper who) {
        return store.ownedBy(who.id());
    }

    public Mono<Wishlist> mine(Shopper who, String id) {
        return store.byId(id).filter(w -> w.owner().equals(who.id()))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("wishlist " + id)));
    }

    /** The owner sees everything; anyone signed in sees a public list; nobody else learns the list exists. */
    public Mono<Wishlist> readable(Shopper who, String id) {
        return store.byId(id).filter(w -> w.owner().equals(who.id()) || Wishlist.PUBLIC.equals(w.privacy()))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("wishlist " + id)));
    }

    public Mono<Wishlist> shared(String token) {
        return store.byShareToken(token).filter(Wishlist::shareable)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("shared wishlist")));
    }

    public Mono<Wishlist> update(Shopper who, String id, long version, String name, String privacy) {
        return mine(who, id).flatMap(w -> {
            if (w.version() != version) {
                return Mono.error(ApiException.conflict("stale-version", "the list changed since version " + version + "; reload it"));
            }
            Mono<Wishlist> renamed = name == null ? Mono.just(w) : store.write(w, w.items(), new Update().set("name", name.strip()));
            return renamed.flatMap(r -> privacy == null || privacy.equals(r.privacy()) ? Mono.just(r) : changePrivacy(r, privacy, who));
        });
    }

    /** Going shareable mints a share token (once) and announces it; going private keeps the token but the link stops working. */
    private Mono<Wishlist> changePrivacy(Wishlist w, String privacy, Shopper who) {
        Update u = new Update().set("privacy", privacy);
        if (!Wishlist.PRIVATE.equals(privacy)) {
            if (w.shareToken() == null) {
                u.set("shareToken", newToken());
            }
            if (!w.shareable()) {
                Outbox.push(u, events.create(CartEvents.TOPIC, CartEvents.WishlistShared.TYPE, w.id(),
                        new CartEvents.WishlistShared(w.id(), who.id(), privacy, w.items().size(), clock.instant())));
            }
        }
        return outbox.afterWrite(store.write(w, w.items(), u));
    }

    /** A new share link; the old one stops working. */
    public Mono<Wishlist> rotateShareToken(Shopper who, String id) {
        return mine(who, id).flatMap(w -> store.write(w, w.items(), new Update().set("shareToken", newToken())));
    }

    public Mono<Void> delete(Shopper who, String id) {
        return mine(who, id).flatMap(store::delete).then();
    }

    public record NewItem(String productId, String sku, CartLine.LineOptions options, CartLine.CustomizationRef customization,
                          String note, Wishlist.PriceAlert priceAlert, boolean backInStockAlert) {
    }

    public Mono<Wishlist> addItem(Shopper who, String id, NewItem n) {
        return mine(who, id).flatMap(w -> {
            if (w.items().size() >= MAX_ITEMS) {
                return Mono.error(ApiException.unprocessable("wishlist-full", "a wishlist holds at most " + MAX_ITEMS + " items"));
            }
            // a named design gives the item its options (checked by customization-service first)
            return designs.optionsFor(n.productId(), n.options(), n.customization(), who.token())
                    .flatMap(resolved -> priceAndAdd(w, n, resolved.equals(CartLine.LineOptions.NONE) ? null : resolved, who));
        });
    }

    private Mono<Wishlist> priceAndAdd(Wishlist w, NewItem n, CartLine.LineOptions options, Shopper who) {
        return catalog.quote(n.productId(), n.sku(), options, who.token()).flatMap(q -> {
            if ("archived".equals(q.status())) {
                return Mono.error(ApiException.unprocessable("not-for-sale", "this product is no longer for sale"));
            }
            Wishlist.Item item = new Wishlist.Item(UUID.randomUUID().toString(), q.productId(), n.sku(), q.name(), q.slug(),
                    options, n.customization(), n.note(), q.modifiersMinor(), q.total(), n.priceAlert(),
                    n.backInStockAlert(), q.available() != null && q.available() == 0, false, clock.instant());
            List<Wishlist.Item> next = new ArrayList<>(w.items());
            next.add(item);
            return store.write(w, next, new Update());
        });
    }

    public Mono<Wishlist> changeItem(Shopper who, String id, String itemId, String note, Wishlist.PriceAlert alert,
                                     Boolean backInStock, boolean clearAlert) {
        return mine(who, id).flatMap(w -> {
            Wishlist.Item it = w.item(itemId).orElseThrow(() -> ApiException.notFound("wishlist item " + itemId));
            Wishlist.Item changed = (note == null ? it : it.withNote(note))
                    .withAlerts(clearAlert ? null : alert != null ? alert : it.priceAlert(),
                            backInStock != null ? backInStock : it.backInStockAlert());
            return store.write(w, w.items().stream().map(i -> i.id().equals(itemId) ? changed : i).toList(), new Update());
        });
    }

    public Mono<Wishlist> removeItem(Shopper who, String id, String itemId) {
        return mine(who, id).flatMap(w -> {
            w.item(itemId).orElseThrow(() -> ApiException.notFound("wishlist item " + itemId));
            return store.write(w, w.items().stream().filter(i -> !i.id().equals(itemId)).toList(), new Update());
        });
    }

    /**
     * Adds the item to the shopper's cart (priced and held like any add) and only then takes it off
     * the list; when the add fails (out of stock, limits, catalog down) the item stays, and an
     * out-of-stock answer marks it so a restock can alert.
     */
    public Mono<Cart> moveToCart(Shopper who, String id, String itemId, int quantity, String sku) {
        return mine(who, id).flatMap(w -> {
            Wishlist.Item it = w.item(itemId).orElseThrow(() -> ApiException.notFound("wishlist item " + itemId));
            String chosen = it.sku() != null ? it.sku() : sku;
            if (chosen == null) {
                return Mono.error(ApiException.unprocessable("sku-required", "choose a variant (sku) to put this piece in the cart"));
            }
            return carts.add(who, new CartService.AddItem(it.productId(), chosen, quantity, it.options(), it.customization()))
                    .onErrorResume(e -> e instanceof ApiException a && "out-of-stock".equals(a.slug()),
                            e -> markOutOfStock(w.id(), itemId).then(Mono.error(e)))
                    .flatMap(cart -> takeOff(w.id(), itemId).thenReturn(cart));
        });
    }

    private Mono<Wishlist> takeOff(String wishlistId, String itemId) {
        return OnConflict.retry(() -> store.byId(wishlistId).flatMap(w -> store.write(w,
                w.items().stream().filter(i -> !i.id().equals(itemId)).toList(), new Update())), 3);
    }

    private Mono<Wishlist> markOutOfStock(String wishlistId, String itemId) {
        return OnConflict.retry(() -> store.byId(wishlistId).flatMap(w -> store.write(w,
                        w.items().stream().map(i -> i.id().equals(itemId) ? i.withOutOfStock(true) : i).toList(), new Update())), 3)
                .onErrorResume(e -> Mono.empty());
    }

    private static void requireAccount(Shopper who) {
        if (who.guest()) {
            throw ApiException.unprocessable("sign-in-required", "sign in to keep wishlists");
        }
    }

    /** 192 random bits, URL-safe: a share link cannot be guessed. */
    private static String newToken() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
