package com.glowglitch.catalog.inventory;

import java.time.Clock;
import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import com.glowglitch.platform.jobs.PeriodicJob;

import reactor.core.publisher.Mono;

/**
 * Prunes the per-order-line markers that committed orders leave in product documents once the
 * commitment is older than {@code glowglitch.catalog.commit-marker-retention} (default 180 days:
 * it must outlast the longest time after which an order can still be cancelled or refunded with
 * restock). Up to 500 orders per pass, hourly by default; a pass that had a full batch is simply
 * followed by the next pass.
 */
@Component
public class CommitMarkerPruning extends PeriodicJob {

    static final int BATCH = 500;

    private final Commitments commitments;
    private final Clock clock;
    private final Duration retention;

    public CommitMarkerPruning(Commitments commitments, Clock clock,
                               @Value("${glowglitch.catalog.commit-marker-retention:180d}") Duration retention,
                               @Value("${glowglitch.catalog.commit-marker-prune-interval:1h}") Duration every) {
        super("commit marker pruning", every);
        this.commitments = commitments;
        this.clock = clock;
        this.retention = retention;
    }

    @Override
    public Mono<Long> runOnce() {
        return commitments.pruneMarkers(clock.instant().minus(retention), BATCH);
    }
}
