package com.glowglitch.order.saga;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import com.glowglitch.platform.events.EventHandler;
import com.glowglitch.platform.events.IncomingEvent;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** The catalog's answers to {@code OrderPlaced}. Other catalog events are not the order's business. */
@Component
public class OrderReactions implements EventHandler {

    private final Saga saga;

    public OrderReactions(Saga saga) {
        this.saga = saga;
    }

    @Override
    public Mono<Void> handle(IncomingEvent e) {
        return switch (e.type()) {
            case "InventoryCommitted" -> saga.stockCommitted(e.data().get("orderId").asString(), e.id());
            case "InventoryRejected" -> {
                List<Saga.RejectedLine> lines = new ArrayList<>();
                for (JsonNode l : e.data().get("lines")) {
                    lines.add(new Saga.RejectedLine(l.get("sku").asString(), l.get("requested").asInt(),
                            l.get("available").asLong(), l.get("reason").asString()));
                }
                yield saga.stockRejected(e.data().get("orderId").asString(), e.id(), lines);
            }
            default -> Mono.empty();
        };
    }
}
