package com.glowglitch.cart.cart;

import java.time.Clock;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import com.glowglitch.cart.config.CartProperties;
import com.glowglitch.cart.events.CartEvents;
import com.glowglitch.platform.events.EventFactory;
import com.glowglitch.platform.money.Money;
import com.glowglitch.platform.outbox.Outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

/**
 * A cart's life around checkout and idleness: converted when its order is placed (read-only),
 * restorable when that order is cancelled before payment, reported abandoned after an idle spell
 * and recovered when bought later, closed when a guest leaves it for 30 days. Each transition is
 * one conditional update carrying its event, so a redelivered order event or a second job pass
 * finds the condition false and changes nothing.
 */
@Component
public class CartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CartLifecycle.class);

    private final CartStore store;
    private final EventFactory events;
    private final Outbox outbox;
    private final Clock clock;
    private final CartProperties props;
    private final Counter abandoned;
    private final Counter recovered;
    private final Counter converted;

    public CartLifecycle(CartStore store, EventFactory events, Outbox outbox, Clock clock, CartProperties props,
                         MeterRegistry meters) {
        this.store = store;
        this.events = events;
        this.outbox = outbox;
        this.clock = clock;
        this.props = props;
        this.abandoned = Counter.builder("carts.abandoned").description("carts reported abandoned").register(meters);
        this.recovered = Counter.builder("carts.recovered").description("abandoned carts bought later").register(meters);
        this.converted = Counter.builder("carts.converted").description("carts checked out").register(meters);
    }

    /** OrderPlaced: the cart becomes the order's record. */
    public Mono<Void> converted(String cartId, String orderId, String orderNumber) {
        Instant now = clock.instant();
        return store.byId(cartId).flatMap(cart -> {
            Update u = new Update().set("status", CartStatus.CONVERTED.name()).unset("activeOwner")
                    .set("order", new Cart.OrderRef(orderId, orderNumber)).set("restorable", false).set("updatedAt", now);
            Outbox.push(u, events.create(CartEvents.TOPIC, CartEvents.CartConverted.TYPE, cartId,
                    new CartEvents.CartConverted(cartId, cart.guest() ? null : cart.owner(), orderId, orderNumber,
                            cart.itemCount(), now)));
            return outbox.afterWrite(store.updateIf(cartId, Criteria.where("status").is(CartStatus.ACTIVE.name()), u))
                    .doOnNext(c -> converted.increment())
                    .switchIfEmpty(Mono.fromRunnable(() -> log.debug("cart {} not active at OrderPlaced {}; nothing to do", cartId, orderId)));
        }).then();
    }

    /** OrderCancelled before payment: the shopper may take the cart back. */
    public Mono<Void> cancelled(String cartId, String orderId, boolean paid) {
        if (paid) {
            return Mono.empty();
        }
        return store.updateIf(cartId, Criteria.where("status").is(CartStatus.CONVERTED.name()).and("order.orderId").is(orderId)
                .and("restorable").is(false), new Update().set("restorable", true).set("updatedAt", clock.instant())).then();
    }

    /** OrderPaid: a cart that had been reported abandoned was bought after all. */
    public Mono<Void> paid(String cartId, String orderId, String orderNumber, Money total) {
        Instant now = clock.instant();
        return store.byId(cartId).filter(c -> c.abandonedAt() != null && c.recoveredAt() == null).flatMap(cart -> {
            Update u = new Update().set("recoveredAt", now);
            Outbox.push(u, events.create(CartEvents.TOPIC, CartEvents.CartRecovered.TYPE, cartId,
                    new CartEvents.CartRecovered(cartId, cart.guest() ? null : cart.owner(), orderId, orderNumber, total,
                            cart.abandonedAt(), now)));
            return outbox.afterWrite(store.updateIf(cartId, Criteria.where("recoveredAt").is(null)
                    .and("abandonedAt").ne(null), u)).doOnNext(c -> recovered.increment());
        }).then();
    }

    /** One pass of the abandonment job: every idle cart with items is reported once per idle spell. */
    public Mono<Long> reportAbandoned() {
        Instant now = clock.instant();
        Instant cutoff = now.minus(props.getAbandonAfter());
        return store.idleSince(cutoff).concatMap(cart -> {
            Update u = new Update().set("abandoned", true).set("abandonedAt", now).unset("recoveredAt");
            Outbox.push(u, events.create(CartEvents.TOPIC, CartEvents.CartAbandoned.TYPE, cart.id(),
                    CartEvents.CartAbandoned.of(cart, props.getCurrency(), now)));
            return outbox.afterWrite(store.updateIf(cart.id(), CartStore.idle(cutoff).and("version").is(cart.version()), u))
                    .doOnNext(c -> abandoned.increment());
        }).count();
    }

    /**
     * One pass of guest cleanup: guest carts idle for {@code guestCartTtl} close as EXPIRED. Their
     * holds lapsed long before (a hold lasts minutes) and the catalog's expiry job gave the stock back.
     */
    public Mono<Long> expireGuestCarts() {
        Instant cutoff = clock.instant().minus(props.getGuestCartTtl());
        return store.guestCartsIdleSince(cutoff)
                .concatMap(cart -> store.close(cart, CartStatus.EXPIRED, new Update()).onErrorResume(e -> Mono.empty()))
                .count();
    }

    /** The idle-cart job: abandonment reports and guest cleanup on one schedule. */
    @Component
    static class IdleCarts extends com.glowglitch.platform.jobs.PeriodicJob {

        private final CartLifecycle lifecycle;

        IdleCarts(CartLifecycle lifecycle, CartProperties props) {
            super("idle carts", props.getIdleCheckInterval());
            this.lifecycle = lifecycle;
        }

        @Override
        public Mono<Long> runOnce() {
            return lifecycle.reportAbandoned().zipWith(lifecycle.expireGuestCarts(), Long::sum);
        }
    }
}
