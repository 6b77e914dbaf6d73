package com.glowglitch.catalog.inventory;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Releases holds whose time ran out, with an {@code InventoryReleased(expired)} each. A scheduled
 * job rather than a TTL index: the embedded store enforces no TTL, and expiry has to give the
 * stock back and announce it, not just delete a document.
 */
@Component
public class ReservationExpiry implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReservationExpiry.class);

    private final Inventory inventory;
    private final Duration every;
    private volatile Disposable job;

    public ReservationExpiry(Inventory inventory, @Value("${glowglitch.catalog.reservation-expiry-interval:15s}") Duration every) {
        this.inventory = inventory;
        this.every = every;
    }

    public Mono<Long> runOnce() {
        return inventory.expire().doOnNext(n -> {
            if (n > 0) {
                log.info("released {} expired reservation(s)", n);
            }
        });
    }

    @Override
    public void start() {
        job = Flux.interval(every, every)
                .concatMap(t -> runOnce().onErrorResume(e -> {
                    log.warn("reservation expiry pass failed, will retry: {}", e.toString());
                    return Mono.just(0L);
                }))
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable d = job;
        if (d != null) {
            d.dispose();
        }
        job = null;
    }

    @Override
    public boolean isRunning() {
        return job != null;
    }
}
