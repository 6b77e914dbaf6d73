package com.glowglitch.catalog.inventory;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

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

/** Holds on stock for carts (signed-in users and guests); normally called by cart-service. */
@RestController
@RequestMapping("/api/inventory/reservations")
public class ReservationController {

    public record NewReservation(
            @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9_\\-]+") String cartId,
            @NotBlank @Pattern(regexp = "[A-Z0-9][A-Z0-9-]{2,39}") String sku,
            @NotNull @Positive @Max(50) Integer quantity) {
    }

    public record NewQuantity(@NotNull @Positive @Max(50) Integer quantity) {
    }

    public record Transfer(@NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9_\\-]+") String cartId,
                           @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9_\\-]+") String into) {
    }

    private final Inventory inventory;

    public ReservationController(Inventory inventory) {
        this.inventory = inventory;
    }

    @PostMapping
    @Operation(summary = "Hold stock of a SKU for a cart for 15 minutes; 422 out-of-stock when not enough is available")
    public Mono<ResponseEntity<Inventory.Hold>> reserve(@Valid @RequestBody NewReservation body) {
        return inventory.reserve(body.cartId(), body.sku(), body.quantity())
                .map(h -> ResponseEntity.created(URI.create("/api/inventory/reservations/" + h.id())).body(h));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One hold, with its expiry")
    public Mono<Inventory.Hold> get(@PathVariable String id) {
        return inventory.findHold(id).switchIfEmpty(Mono.error(ApiException.notFound("reservation " + id)));
    }

    @PostMapping("/{id}/refresh")
    @Operation(summary = "Cart activity: the hold lasts another 15 minutes from now")
    public Mono<Inventory.Hold> refresh(@PathVariable String id) {
        return inventory.refresh(id);
    }

    @PatchMapping("/{id}")
    @Operation(summary = "Change how many units a hold takes (cart line quantity changed); growing needs the extra "
            + "units available (422 out-of-stock), and the hold lasts another 15 minutes")
    public Mono<Inventory.Hold> resize(@PathVariable String id, @Valid @RequestBody NewQuantity body) {
        return inventory.resize(id, body.quantity());
    }

    @PostMapping("/{id}/transfer")
    @Operation(summary = "Give a hold to another cart (guest cart merged on sign-in), optionally folded into that "
            + "cart's hold of the same SKU; no stock moves")
    public Mono<Inventory.Hold> transfer(@PathVariable String id, @Valid @RequestBody Transfer body) {
        if (id.equals(body.into())) {
            return Mono.error(ApiException.badRequest("invalid-transfer", "a hold cannot be merged into itself"));
        }
        return inventory.transfer(id, body.cartId(), body.into());
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Release a hold (idempotent)")
    public Mono<Void> release(@PathVariable String id) {
        return inventory.release(id, "released").then();
    }
}
