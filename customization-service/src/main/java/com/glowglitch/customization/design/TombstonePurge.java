package com.glowglitch.customization.design;

import java.time.Clock;
import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import com.glowglitch.platform.jobs.PeriodicJob;

import reactor.core.publisher.Mono;

/** Forgets deleted designs once their deletion event is published and an hour has passed. */
@Component
public class TombstonePurge extends PeriodicJob {

    private final CustomizationStore store;
    private final Clock clock;

    public TombstonePurge(CustomizationStore store, Clock clock,
                          @Value("${glowglitch.customization.tombstone-purge-interval:1h}") Duration every) {
        super("customization tombstone purge", every);
        this.store = store;
        this.clock = clock;
    }

    @Override
    public Mono<Long> runOnce() {
        return store.purgeTombstones(clock.instant().minus(Duration.ofHours(1)));
    }
}
