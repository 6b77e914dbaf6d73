package com.glowglitch.customization.events;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.glowglitch.customization.design.CustomizationStore;
import com.glowglitch.platform.events.EventHandler;
import com.glowglitch.platform.events.IncomingEvent;

import reactor.core.publisher.Mono;

/**
 * What other contexts' events do to designs; each reaction sets a state (archived, gone), so a
 * redelivered event changes nothing more.
 */
@Component
public class CustomizationReactions implements EventHandler {

    private static final Logger log = LoggerFactory.getLogger(CustomizationReactions.class);

    private final CustomizationStore store;

    public CustomizationReactions(CustomizationStore store) {
        this.store = store;
    }

    @Override
    public Mono<Void> handle(IncomingEvent e) {
        return switch (e.type()) {
            case "ProductArchived" -> store.markArchived(e.data().get("productId").asString())
                    .doOnNext(n -> log.info("{} design(s) of an archived product made read-only", n)).then();
            case "UserErased" -> store.deleteOwnedBy(e.data().get("userId").asString())
                    .doOnNext(n -> log.info("erased {} design(s) of an erased user", n)).then();
            default -> Mono.empty();
        };
    }
}
