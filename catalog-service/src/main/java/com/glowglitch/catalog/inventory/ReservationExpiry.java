package com.glowglitch.catalog.inventory;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import com.glowglitch.platform.jobs.PeriodicJob;

import reactor.core.publisher.Mono;

/**
 * Releases holds whose time ran out, with an {@code InventoryReleased(expired)} each. A scheduled
 * job rather than a TTL index: the embedded store enforces no TTL, and expiry has to give the
 * stock back and announce it, not just delete a document.
 */
@Component
public class ReservationExpiry extends PeriodicJob {

    private final Inventory inventory;

    public ReservationExpiry(Inventory inventory, @Value("${glowglitch.catalog.reservation-expiry-interval:15s}") Duration every) {
        super("reservation expiry", every);
        this.inventory = inventory;
    }

    @Override
    public Mono<Long> runOnce() {
        return inventory.expire();
    }
}
