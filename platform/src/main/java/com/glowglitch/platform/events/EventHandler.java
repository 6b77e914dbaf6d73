package com.glowglitch.platform.events;

import reactor.core.publisher.Mono;

/** A reactive, idempotent reaction to one event. Completing means "done, commit the offset". */
@FunctionalInterface
public interface EventHandler {
    Mono<Void> handle(IncomingEvent event);
}
