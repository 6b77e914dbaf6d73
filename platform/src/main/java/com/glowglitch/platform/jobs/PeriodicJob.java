package com.glowglitch.platform.jobs;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A pass that runs every {@code every} while the application runs (expiring holds, finding idle
 * carts): one pass at a time, a failed pass logged and retried on the next tick, stopped with the
 * context. Subclasses implement {@link #runOnce()}, which tests call directly with a moved clock.
 */
public abstract class PeriodicJob implements SmartLifecycle {

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final String name;
    private final Duration every;
    private volatile Disposable job;

    protected PeriodicJob(String name, Duration every) {
        this.name = name;
        this.every = every;
    }

    /** One pass; the number of things it changed. */
    public abstract Mono<Long> runOnce();

    @Override
    public void start() {
        job = Flux.interval(every, every)
                .concatMap(t -> runOnce()
                        .doOnNext(n -> {
                            if (n > 0) {
                                log.info("{}: {} changed", name, n);
                            }
                        })
                        .onErrorResume(e -> {
                            log.warn("{} pass failed, will retry: {}", name, e.toString());
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
