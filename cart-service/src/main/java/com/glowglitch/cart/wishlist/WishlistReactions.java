package com.glowglitch.cart.wishlist;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import com.glowglitch.cart.events.CartEvents;
import com.glowglitch.platform.events.EventFactory;
import com.glowglitch.platform.events.OutboxEntry;
import com.glowglitch.platform.money.Money;
import com.glowglitch.platform.mongo.OnConflict;
import com.glowglitch.platform.outbox.Outbox;

import reactor.core.publisher.Mono;

/**
 * Catalog news for saved pieces. Each item keeps the price and stock state it last heard of and an
 * alert fires only on a change of that state, written in the same update as the new state: a
 * redelivered {@code PriceChanged} finds the price already there and fires nothing — exactly one
 * alert per drop.
 */
@Component
public class WishlistReactions {

    private final WishlistStore store;
    private final EventFactory events;
    private final Outbox outbox;
    private final Clock clock;

    public WishlistReactions(WishlistStore store, EventFactory events, Outbox outbox, Clock clock) {
        this.store = store;
        this.events = events;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** The product's base price is now {@code base}: each item's price is base + its options. */
    public Mono<Void> priceChanged(String productId, Money base) {
        return each(productId, (w, now) -> {
            List<OutboxEntry> alerts = new ArrayList<>();
            List<Wishlist.Item> items = w.items().stream().map(i -> {
                if (!i.productId().equals(productId)) {
                    return i;
                }
                Money price = Money.of(base.amountMinor() + i.modifiersMinor(), base.currency());
                if (price.equals(i.lastPrice())) {
                    return i;
                }
                if (i.alertsOn(price)) {
                    alerts.add(events.create(CartEvents.TOPIC, CartEvents.PriceAlertTriggered.TYPE, w.id(),
                            new CartEvents.PriceAlertTriggered(w.id(), i.id(), w.owner(), i.productId(), i.sku(), i.name(), i.slug(),
                                    i.priceAlert().kind(), i.lastPrice(), price,
                                    Wishlist.PriceAlert.BELOW.equals(i.priceAlert().kind())
                                            ? Money.of(i.priceAlert().targetMinor(), price.currency()) : null, now)));
                }
                return i.withPrice(price);
            }).toList();
            return new Change(items, alerts);
        });
    }

    /** Stock news for a SKU: at zero items remember it; back above zero, items watching it alert once. */
    public Mono<Void> stockChanged(String productId, String sku, long available) {
        return each(productId, (w, now) -> {
            List<OutboxEntry> alerts = new ArrayList<>();
            List<Wishlist.Item> items = w.items().stream().map(i -> {
                if (!i.productId().equals(productId) || (i.sku() != null && !i.sku().equals(sku))) {
                    return i;
                }
                if (available <= 0) {
                    return i.outOfStock() ? i : i.withOutOfStock(true);
                }
                if (!i.outOfStock()) {
                    return i;
                }
                if (i.backInStockAlert()) {
                    alerts.add(events.create(CartEvents.TOPIC, CartEvents.BackInStockAlertTriggered.TYPE, w.id(),
                            new CartEvents.BackInStockAlertTriggered(w.id(), i.id(), w.owner(), i.productId(), sku, i.name(),
                                    i.slug(), available, now)));
                }
                return i.withOutOfStock(false);
            }).toList();
            return new Change(items, alerts);
        });
    }

    public Mono<Void> archived(String productId) {
        return each(productId, (w, now) -> new Change(w.items().stream()
                .map(i -> i.productId().equals(productId) && !i.unavailable() ? i.withUnavailable() : i).toList(), List.of()));
    }

    public Mono<Long> erased(String userId) {
        return store.deleteOwnedBy(userId);
    }

    private record Change(List<Wishlist.Item> items, List<OutboxEntry> events) {
    }

    private interface Rule {
        Change apply(Wishlist w, Instant now);
    }

    private Mono<Void> each(String productId, Rule rule) {
        return store.withProduct(productId).flatMap(w -> apply(w.id(), rule), 4).then();
    }

    /** Re-reads and retries when the owner changed the list at the same moment. */
    private Mono<Wishlist> apply(String id, Rule rule) {
        return OnConflict.retry(() -> store.byId(id).flatMap(w -> {
                    Change c = rule.apply(w, clock.instant());
                    if (c.items().equals(w.items())) {
                        return Mono.just(w);
                    }
                    Update u = new Update();
                    if (!c.events().isEmpty()) {
                        Outbox.push(u, c.events().toArray(OutboxEntry[]::new));
                    }
                    return outbox.afterWrite(store.write(w, c.items(), u));
                }), 5);
    }
}
