package com.glowglitch.order.checkout;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import com.glowglitch.order.config.OrderProperties;
import com.glowglitch.order.events.OrderEvents;
import com.glowglitch.order.order.Order;
import com.glowglitch.order.order.OrderStatus;
import com.glowglitch.order.order.OrderStore;
import com.glowglitch.order.payment.PaymentProvider;
import com.glowglitch.order.payment.Payments;
import com.glowglitch.platform.crypto.FieldEncryptor;
import com.glowglitch.platform.events.EventFactory;
import com.glowglitch.platform.money.Charges;
import com.glowglitch.platform.money.Money;
import com.glowglitch.platform.outbox.Outbox;
import com.glowglitch.platform.web.ApiException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/orders}: reads the shopper's cart from cart-service, checks that it can be
 * bought as it is, computes the binding amounts, and creates the order PENDING with
 * {@code OrderPlaced} in its outbox — the saga takes it from there.
 *
 * <p>The request's {@code Idempotency-Key} (per shopper) is stored on the order under a unique
 * index: a retry, even a concurrent one, gets the same order back; the same key with a different
 * request is refused. A second unique index on the cart id of a standing order keeps one cart
 * from being bought twice under different keys.
 */
@Component
public class Checkout {

    private static final Logger log = LoggerFactory.getLogger(Checkout.class);

    public record Shopper(String id, boolean guest, String token) {
    }

    /** The 202 answer: where to follow the order. */
    public record Accepted(String orderId, String orderNumber, String status, Money total, String statusUrl) {

        static Accepted of(Order o) {
            return new Accepted(o.id(), o.orderNumber(), o.status().name(), o.totals().total(), "/api/orders/" + o.orderNumber());
        }
    }

    private final OrderStore store;
    private final CartClient carts;
    private final Payments payments;
    private final EventFactory events;
    private final FieldEncryptor crypto;
    private final JsonMapper json;
    private final Clock clock;
    private final OrderProperties props;
    private final Charges.Rules charges;
    private final SecureRandom random = new SecureRandom();
    private final Counter placed;

    public Checkout(OrderStore store, CartClient carts, Payments payments, EventFactory events, FieldEncryptor crypto,
                    JsonMapper json, Clock clock, OrderProperties props, MeterRegistry meters) {
        this.store = store;
        this.carts = carts;
        this.payments = payments;
        this.events = events;
        this.crypto = crypto;
        this.json = json;
        this.clock = clock;
        this.props = props;
        this.charges = props.charges();
        this.placed = Counter.builder("orders.placed").description("orders placed at checkout").register(meters);
    }

    public Mono<Accepted> place(Shopper shopper, String idempotencyKey, CheckoutRequest request) {
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            return Mono.error(ApiException.badRequest("idempotency-key-required",
                    "send an Idempotency-Key header (e.g. a UUID) so that a retried checkout cannot place two orders"));
        }
        if (!idempotencyKey.matches("[A-Za-z0-9_:.\\-]{8,128}")) {
            return Mono.error(ApiException.badRequest("invalid-idempotency-key", "the Idempotency-Key must be 8-128 letters, digits or _:.-"));
        }
        if (shopper.guest() && request.email() == null) {
            return Mono.error(new ApiException(HttpStatus.BAD_REQUEST, "validation", "Bad request", "a guest checkout needs an email",
                    Map.of("errors", List.of(Map.of("field", "email", "message", "must not be null")))));
        }
        String scope = shopper.id() + "|" + idempotencyKey;
        String hash = hash(request);
        // the order's id is derived from the shopper and the key: a retry finds it by primary key
        String orderId = UUID.nameUUIDFromBytes(scope.getBytes(StandardCharsets.UTF_8)).toString();
        return store.byId(orderId).map(o -> replay(o, hash))
                .switchIfEmpty(Mono.defer(() -> create(shopper, orderId, scope, hash, request)));
    }

    private Accepted replay(Order o, String hash) {
        if (!o.requestHash().equals(hash)) {
            throw ApiException.unprocessable("idempotency-key-reused",
                    "this Idempotency-Key was used for a different checkout request (order " + o.orderNumber() + ")");
        }
        return Accepted.of(o);
    }

    private Mono<Accepted> create(Shopper shopper, String orderId, String scope, String hash, CheckoutRequest request) {
        PaymentProvider provider = payments.active();
        return carts.mine(shopper.token()).flatMap(cart -> {
            check(cart, request.cartId());
            return provider.describe(request.paymentMethod())
                    .flatMap(method -> insert(build(shopper, orderId, scope, hash, request, cart, provider.name(), method), 0));
        }).onErrorResume(DuplicateKeyException.class, e -> store.byId(orderId).map(o -> replay(o, hash))
                .switchIfEmpty(Mono.defer(() -> store.openForCart(request.cartId()).flatMap(o -> Mono.<Accepted>error(
                        new ApiException(HttpStatus.CONFLICT, "cart-already-checked-out", "Conflict",
                                "this cart is already being bought as order " + o.orderNumber(),
                                Map.of("orderNumber", o.orderNumber())))))))
                .doOnNext(a -> log.debug("checkout {} → {}", request.cartId(), a.orderNumber()));
    }

    /** The cart must be the shopper's active cart, with every line buyable at the price they saw. */
    static void check(CartClient.CartSnapshot cart, String cartId) {
        if (cart.id() == null || !cart.id().equals(cartId)) {
            throw new ApiException(HttpStatus.NOT_FOUND, "cart-not-found", "Not found",
                    "cart " + cartId + " is not your active cart (it may have been checked out already)");
        }
        if (!"active".equals(cart.status())) {
            throw ApiException.conflict("cart-closed", "the cart is " + cart.status());
        }
        if (cart.lines() == null || cart.lines().isEmpty()) {
            throw ApiException.unprocessable("cart-empty", "the cart is empty");
        }
        List<String> unavailable = cart.lines().stream()
                .filter(l -> "unavailable".equals(l.state()) || "out-of-stock".equals(l.state())).map(CartClient.Line::id).toList();
        if (!unavailable.isEmpty()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "cart-has-unavailable-lines", "Rule broken",
                    "some items can no longer be bought; remove them first", Map.of("lineIds", unavailable));
        }
        List<String> changed = cart.lines().stream().filter(CartClient.Line::priceChanged).map(CartClient.Line::id).toList();
        if (!changed.isEmpty()) {
            throw new ApiException(HttpStatus.CONFLICT, "prices-changed", "Conflict",
                    "prices changed since you added some items; review the cart (POST /api/carts/me/acknowledge) and check out again",
                    Map.of("lineIds", changed));
        }
        if (cart.discount() != null && !cart.discount().applicable()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "discount-not-applicable", "Rule broken",
                    "the code " + cart.discount().code() + " no longer applies (" + cart.discount().reason() + "); remove it first",
                    Map.of("reason", String.valueOf(cart.discount().reason())));
        }
        String currency = cart.lines().get(0).unitPrice().currency();
        if (cart.lines().stream().anyMatch(l -> !currency.equals(l.unitPrice().currency()))) {
            throw ApiException.unprocessable("currency-mismatch", "a cart is paid in one currency");
        }
    }

    private Order build(Shopper shopper, String id, String scope, String hash, CheckoutRequest r, CartClient.CartSnapshot cart,
                        String provider, PaymentProvider.MethodInfo method) {
        Instant now = clock.instant();
        String currency = cart.lines().get(0).unitPrice().currency();
        List<Order.Line> lines = cart.lines().stream().map(l -> new Order.Line(l.id(), l.productId(), l.sku(), l.name(),
                l.slug(), l.image(), l.quantity(), options(l.options()),
                l.customization() == null ? null : new Order.CustomizationRef(l.customization().id(), l.customization().version()),
                l.unitPrice(), Money.of(Math.multiplyExact(l.unitPrice().amountMinor(), l.quantity()), currency),
                l.reservationId(), 0, 0)).toList();
        long subtotal = lines.stream().mapToLong(l -> l.lineTotal().amountMinor()).sum();
        Charges c = charges.of(subtotal, cart.discount() == null ? 0 : cart.discount().amountMinor(), currency);
        Order.Totals totals = new Order.Totals(c.subtotalMinor(), cart.discount() == null ? null : cart.discount().code(),
                c.discountMinor(), c.shippingMinor(), c.taxMinor(), c.totalMinor(), currency);
        Order.Referral referral = r.referralCode() == null && r.referralClickId() == null ? null
                : new Order.Referral(r.referralCode(), r.referralClickId());
        Order.Payment payment = new Order.Payment(provider, r.paymentMethod(), method.brand(), method.last4(), null, null,
                "PENDING", 0, 0, 0, null, null, 0, null);
        return new Order(id, null, shopper.id(), shopper.guest() ? null : shopper.id(), shopper.guest(),
                shopper.guest() ? crypto.encrypt(r.email()) : null, cart.id(), cart.id(), scope, hash, lines, totals,
                crypto.encrypt(json.writeValueAsString(r.shippingAddress())),
                crypto.encrypt(json.writeValueAsString(r.billingAddress() != null ? r.billingAddress() : r.shippingAddress())),
                r.shippingAddress().country(), referral, OrderStatus.PENDING, null,
                List.of(new Order.TimelineEntry(now, null, OrderStatus.PENDING, actor(shopper), "checkout")), payment,
                List.of(), List.of(), null, now.plus(props.stockTimeout()), now, now, 0);
    }

    static String actor(Shopper s) {
        return (s.guest() ? "guest:" : "user:") + s.id();
    }

    private static Map<String, String> options(Map<String, String> o) {
        if (o == null) {
            return Map.of();
        }
        Map<String, String> m = new LinkedHashMap<>();
        o.forEach((k, v) -> {
            if (v != null) {
                m.put(k, v);
            }
        });
        return m;
    }

    /**
     * Inserts with a fresh order number; a clash of numbers (not of key or cart) tries another.
     * Numbers are random, not sequential: one order's number tells nothing about the next.
     */
    private Mono<Accepted> insert(Order draft, int attempt) {
        String number = "GG-" + (attempt < 3 ? 100_000 + random.nextInt(900_000) : 10_000_000 + random.nextInt(90_000_000));
        Order o = new Order(draft.id(), number, draft.owner(), draft.userId(), draft.guest(), draft.guestEmail(), draft.cartId(),
                draft.openCartId(), draft.idempotencyScope(), draft.requestHash(), draft.lines(), draft.totals(),
                draft.shippingAddress(), draft.billingAddress(), draft.shipCountry(), draft.referral(), draft.status(), draft.stage(),
                draft.timeline(), draft.payment(), draft.refunds(), draft.shipments(), draft.cancellation(), draft.deadline(),
                draft.placedAt(), draft.updatedAt(), draft.version());
        return store.insert(o, Outbox.field(events.create(OrderEvents.TOPIC, OrderEvents.OrderPlaced.TYPE, o.id(),
                        OrderEvents.OrderPlaced.of(o))))
                .doOnNext(x -> placed.increment())
                .map(Accepted::of)
                .onErrorResume(DuplicateKeyException.class, e -> attempt < 6
                        ? store.byNumber(number).hasElement().flatMap(clash -> clash ? insert(draft, attempt + 1) : Mono.error(e))
                        : Mono.error(e));
    }

    private String hash(CheckoutRequest r) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(json.writeValueAsString(r).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
