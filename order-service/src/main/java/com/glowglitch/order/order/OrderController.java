package com.glowglitch.order.order;

import java.net.URI;
import java.util.List;

import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.glowglitch.order.checkout.Checkout;
import com.glowglitch.order.checkout.CheckoutRequest;
import com.glowglitch.platform.crypto.FieldEncryptor;
import com.glowglitch.platform.security.Roles;
import com.glowglitch.platform.web.ApiException;
import com.glowglitch.platform.web.CursorPage;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Checkout and the shopper's own orders. Someone else's order answers 404, as if it did not exist. */
@RestController
@RequestMapping("/api/orders")
public class OrderController {

    static final String NUMBER = "GG-[0-9]{6,12}";

    private final Checkout checkout;
    private final OrderStore store;
    private final OrderCommands commands;
    private final FieldEncryptor crypto;
    private final JsonMapper json;

    public OrderController(Checkout checkout, OrderStore store, OrderCommands commands, FieldEncryptor crypto, JsonMapper json) {
        this.checkout = checkout;
        this.store = store;
        this.commands = commands;
        this.crypto = crypto;
        this.json = json;
    }

    static Checkout.Shopper shopper(Jwt jwt) {
        Object roles = jwt.getClaim("roles");
        boolean guest = roles instanceof java.util.Collection<?> c && c.contains(Roles.GUEST) && c.size() == 1;
        return new Checkout.Shopper(jwt.getSubject(), guest, jwt.getTokenValue());
    }

    static boolean admin(Jwt jwt) {
        Object roles = jwt.getClaim("roles");
        return roles instanceof java.util.Collection<?> c && c.contains(Roles.ADMIN);
    }

    @PostMapping
    @Operation(summary = "Check out the cart: 202 with the order number and where to follow it. Requires an Idempotency-Key; "
            + "the same key and body answer the same order, the same key with another body 422. The saga then confirms stock "
            + "and takes the payment (PENDING → STOCK_CONFIRMED → PAID, or CANCELLED with the reason).")
    public Mono<ResponseEntity<Checkout.Accepted>> place(@AuthenticationPrincipal Jwt jwt,
                                                         @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                                         @Valid @RequestBody CheckoutRequest request) {
        return checkout.place(shopper(jwt), key, request)
                .map(a -> ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create(a.statusUrl())).body(a));
    }

    @GetMapping("/{orderNumber}")
    @Operation(summary = "One order with its timeline, payment, shipments and refunds (its owner or an admin; anyone else gets 404)")
    public Mono<OrderView> get(@AuthenticationPrincipal Jwt jwt, @PathVariable String orderNumber) {
        return visible(jwt, orderNumber).map(o -> OrderView.of(o, crypto, json));
    }

    @GetMapping
    @Operation(summary = "My orders, newest first, optionally of one status; cursor pagination (limit ≤ 100)")
    public Mono<CursorPage<OrderView.Summary>> mine(@AuthenticationPrincipal Jwt jwt,
                                                    @RequestParam(required = false) String status,
                                                    @RequestParam(required = false) Integer limit,
                                                    @RequestParam(required = false) @Size(max = 200) String cursor) {
        Criteria c = Criteria.where("owner").is(jwt.getSubject());
        return OrderQueries.page(store, c, status, limit, cursor);
    }

    public record CancelRequest(@Size(max = 300) String reason) {
    }

    @PostMapping("/{orderNumber}/cancel")
    @Operation(summary = "Cancel my order before it ships. Unpaid: stock goes back and the cart can be restored. Paid: refunded in "
            + "full first. 422 once shipped.")
    public Mono<OrderView> cancel(@AuthenticationPrincipal Jwt jwt, @PathVariable String orderNumber,
                                  @Valid @RequestBody(required = false) CancelRequest body) {
        boolean admin = admin(jwt);
        return visible(jwt, orderNumber).flatMap(o -> commands.cancel(o, actor(jwt),
                        admin && !o.owner().equals(jwt.getSubject()) ? "cancelled-by-admin" : "cancelled-by-customer",
                        body == null ? null : body.reason()))
                .map(o -> OrderView.of(o, crypto, json));
    }

    public record ReturnRequest(@Size(max = 300) String reason) {
    }

    @PostMapping("/{orderNumber}/return")
    @Operation(summary = "Ask to return a delivered order (→ RETURN_REQUESTED); staff mark it RETURNED when the parcel arrives")
    public Mono<OrderView> requestReturn(@AuthenticationPrincipal Jwt jwt, @PathVariable String orderNumber,
                                         @Valid @RequestBody(required = false) ReturnRequest body) {
        return visible(jwt, orderNumber).flatMap(o -> commands.requestReturn(o, actor(jwt), body == null ? null : body.reason()))
                .map(o -> OrderView.of(o, crypto, json));
    }

    /** The order if the caller owns it or is an admin; otherwise 404 (its existence is not revealed). */
    Mono<Order> visible(Jwt jwt, String orderNumber) {
        if (!orderNumber.matches(NUMBER)) {
            return Mono.error(ApiException.notFound("order " + orderNumber));
        }
        return store.byNumber(orderNumber).filter(o -> o.owner().equals(jwt.getSubject()) || admin(jwt))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("order " + orderNumber)));
    }

    static String actor(Jwt jwt) {
        return (admin(jwt) ? "admin:" : "user:") + jwt.getSubject();
    }

    static List<String> statuses() {
        return java.util.Arrays.stream(OrderStatus.values()).map(Enum::name).toList();
    }
}
