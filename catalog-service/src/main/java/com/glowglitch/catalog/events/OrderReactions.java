package com.glowglitch.catalog.events;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import com.glowglitch.catalog.inventory.Commitments;
import com.glowglitch.platform.events.EventHandler;
import com.glowglitch.platform.events.IncomingEvent;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** The catalog's part of the checkout saga, driven by order.events (contract-validated before it gets here). */
@Component
public class OrderReactions implements EventHandler {

    private final Commitments commitments;

    public OrderReactions(Commitments commitments) {
        this.commitments = commitments;
    }

    @Override
    public Mono<Void> handle(IncomingEvent e) {
        JsonNode d = e.data();
        return switch (e.type()) {
            case "OrderPlaced" -> {
                List<Commitments.Line> lines = new ArrayList<>();
                for (JsonNode l : d.get("lines")) {
                    JsonNode hold = l.get("reservationId");
                    lines.add(new Commitments.Line(l.get("productId").asString(), l.get("sku").asString(), l.get("quantity").asInt(),
                            hold == null || hold.isNull() ? null : hold.asString()));
                }
                yield commitments.commit(d.get("orderId").asString(), d.get("orderNumber").asString(), lines).then();
            }
            case "OrderCancelled" -> commitments.release(d.get("orderId").asString()).then();
            default -> Mono.empty();
        };
    }
}
