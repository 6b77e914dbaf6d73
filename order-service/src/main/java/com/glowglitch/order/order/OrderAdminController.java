package com.glowglitch.order.order;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.glowglitch.platform.crypto.FieldEncryptor;
import com.glowglitch.platform.web.ApiException;
import com.glowglitch.platform.web.CursorPage;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Staff work on orders: find them, prepare, ship, track, deliver, take returns back, refund. Admin role only. */
@RestController
@RequestMapping("/api/orders")
@PreAuthorize("hasRole('admin')")
public class OrderAdminController {

    private final OrderStore store;
    private final OrderCommands commands;
    private final OrderController orders;
    private final FieldEncryptor crypto;
    private final JsonMapper json;

    public OrderAdminController(OrderStore store, OrderCommands commands, OrderController orders, FieldEncryptor crypto,
                                JsonMapper json) {
        this.store = store;
        this.commands = commands;
        this.orders = orders;
        this.crypto = crypto;
        this.json = json;
    }

    @GetMapping("/admin")
    @Operation(summary = "All orders, newest first: filter by status, user, SKU, order-number prefix, placed-at range (admin)")
    public Mono<CursorPage<OrderView.Summary>> search(@RequestParam(required = false) String status,
                                                      @RequestParam(required = false) @Pattern(regexp = "[A-Za-z0-9_\\-]{1,64}") String userId,
                                                      @RequestParam(required = false) @Pattern(regexp = "[A-Z0-9][A-Z0-9-]{2,39}") String sku,
                                                      @RequestParam(required = false) @Pattern(regexp = "GG-[0-9]{0,12}") String number,
                                                      @RequestParam(required = false) Instant from,
                                                      @RequestParam(required = false) Instant to,
                                                      @RequestParam(required = false) Integer limit,
                                                      @RequestParam(required = false) @Size(max = 200) String cursor) {
        List<Criteria> all = new ArrayList<>();
        if (userId != null) {
            all.add(Criteria.where("userId").is(userId));
        }
        if (sku != null) {
            all.add(Criteria.where("lines.sku").is(sku));
        }
        if (number != null) {
            all.add(Criteria.where("orderNumber").regex("^" + java.util.regex.Pattern.quote(number)));
        }
        if (from != null) {
            all.add(Criteria.where("placedAt").gte(from));
        }
        if (to != null) {
            all.add(Criteria.where("placedAt").lt(to));
        }
        Criteria c = all.isEmpty() ? new Criteria() : new Criteria().andOperator(all);
        return OrderQueries.page(store, c, status, limit, cursor);
    }

    @PostMapping("/{orderNumber}/process")
    @Operation(summary = "Start preparing a paid order (PAID → PROCESSING) (admin)")
    public Mono<OrderView> process(@AuthenticationPrincipal Jwt jwt, @PathVariable String orderNumber) {
        return orders.visible(jwt, orderNumber).flatMap(o -> commands.startProcessing(o, OrderController.actor(jwt))).map(this::view);
    }

    public record ShipRequest(@NotBlank @Size(max = 40) @Pattern(regexp = "[A-Za-z0-9 .&\\-]+") String carrier,
                              @NotBlank @Size(max = 60) @Pattern(regexp = "[A-Za-z0-9\\-]+") String trackingNumber) {
    }

    @PostMapping("/{orderNumber}/ship")
    @Operation(summary = "Hand to a carrier with a tracking number (→ SHIPPED, OrderShipped); 422 for an unpaid or cancelled order (admin)")
    public Mono<OrderView> ship(@AuthenticationPrincipal Jwt jwt, @PathVariable String orderNumber,
                                @Valid @RequestBody ShipRequest body) {
        return orders.visible(jwt, orderNumber).flatMap(o -> commands.ship(o, OrderController.actor(jwt), body.carrier(),
                body.trackingNumber())).map(this::view);
    }

    public record TrackingRequest(@NotBlank @Size(max = 40) @Pattern(regexp = "[a-z_\\-]+") String status,
                                  @Size(max = 120) @Pattern(regexp = "[^\\p{Cntrl}]*") String location,
                                  @Size(max = 300) @Pattern(regexp = "[^\\p{Cntrl}]*") String description, Instant at) {
    }

    @PostMapping("/{orderNumber}/shipments/{shipmentId}/events")
    @Operation(summary = "Record a carrier scan on a shipment (in_transit, out_for_delivery, …) (admin)")
    public Mono<OrderView> track(@AuthenticationPrincipal Jwt jwt, @PathVariable String orderNumber,
                                 @PathVariable @Pattern(regexp = "shp_[a-f0-9]{16}") String shipmentId,
                                 @Valid @RequestBody TrackingRequest body) {
        return orders.visible(jwt, orderNumber).flatMap(o -> commands.track(o, shipmentId, new Order.TrackingEvent(
                body.at() != null ? body.at() : Instant.now(), body.status(), body.location(), body.description()))).map(this::view);
    }

    @PostMapping("/{orderNumber}/deliver")
    @Operation(summary = "Mark a shipped order delivered (→ DELIVERED, OrderDelivered) (admin)")
    public Mono<OrderView> deliver(@AuthenticationPrincipal Jwt jwt, @PathVariable String orderNumber) {
        return orders.visible(jwt, orderNumber).flatMap(o -> commands.deliver(o, OrderController.actor(jwt))).map(this::view);
    }

    public record ReceivedRequest(@Size(max = 300) @Pattern(regexp = "[^\\p{Cntrl}]*") String note) {
    }

    @PostMapping("/{orderNumber}/returned")
    @Operation(summary = "The returned parcel arrived (RETURN_REQUESTED → RETURNED, OrderReturned); refund next (admin)")
    public Mono<OrderView> returned(@AuthenticationPrincipal Jwt jwt, @PathVariable String orderNumber,
                                    @Valid @RequestBody(required = false) ReceivedRequest body) {
        return orders.visible(jwt, orderNumber).flatMap(o -> commands.receiveReturn(o, OrderController.actor(jwt),
                body == null ? null : body.note())).map(this::view);
    }

    public record RefundLineRequest(@NotBlank @Size(max = 64) String lineId, @Positive @Max(100) int quantity) {
    }

    /**
     * @param lines       units of lines to refund (each line's paid share, discount and tax included)
     * @param amountMinor or a goodwill amount without lines
     * @param restock     whether the units return to the shelf (default: unless the goods are with the customer)
     */
    public record RefundRequest(@Valid @Size(max = 100) List<RefundLineRequest> lines, @Positive Long amountMinor,
                                @Size(max = 300) @Pattern(regexp = "[^\\p{Cntrl}]*") String reason, Boolean restock) {
    }

    @PostMapping("/{orderNumber}/refund")
    @Operation(summary = "Refund lines, an amount, or (empty body) everything left, through the provider the order was paid "
            + "with (→ REFUNDED or PARTIALLY_REFUNDED, OrderRefunded with per-line amounts); 422 beyond what was captured (admin)")
    public Mono<OrderView> refund(@AuthenticationPrincipal Jwt jwt, @PathVariable String orderNumber,
                                  @Valid @RequestBody(required = false) RefundRequest body) {
        if (body != null && body.lines() != null && !body.lines().isEmpty() && body.amountMinor() != null) {
            return Mono.error(ApiException.badRequest("refund-lines-or-amount", "refund either lines or an amount, not both"));
        }
        return orders.visible(jwt, orderNumber).flatMap(o -> commands.refund(o, OrderController.actor(jwt),
                        body == null || body.lines() == null ? null
                                : body.lines().stream().map(l -> new Order.LineRequest(l.lineId(), l.quantity())).toList(),
                        body == null ? null : body.amountMinor(), body == null ? null : body.reason(),
                        body == null ? null : body.restock()))
                .map(this::view);
    }

    private OrderView view(Order o) {
        return OrderView.of(o, crypto, json);
    }
}
