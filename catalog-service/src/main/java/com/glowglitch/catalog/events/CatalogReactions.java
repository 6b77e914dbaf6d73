package com.glowglitch.catalog.events;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import com.glowglitch.catalog.inventory.Commitments;
import com.glowglitch.platform.events.EventHandler;
import com.glowglitch.platform.events.IncomingEvent;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * What other contexts' events do to the catalog (contract-validated before they get here): the
 * checkout saga's stock step from order.events, sales counts for popularity, and the rating read
 * model from review.events.
 */
@Component
public class CatalogReactions implements EventHandler {

    private final Commitments commitments;
    private final com.glowglitch.catalog.product.ReadModels readModels;

    public CatalogReactions(Commitments commitments, com.glowglitch.catalog.product.ReadModels readModels) {
        this.commitments = commitments;
        this.readModels = readModels;
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
            case "OrderRefunded" -> {
                if (!d.get("restock").asBoolean()) {
                    yield Mono.empty();
                }
                List<Commitments.Line> lines = new ArrayList<>();
                for (JsonNode l : d.get("lines")) {
                    lines.add(new Commitments.Line(l.get("productId").asString(), l.get("sku").asString(), l.get("quantity").asInt(), null));
                }
                yield commitments.restock(d.get("orderId").asString(), d.get("refundId").asString(), lines).then();
            }
            case "OrderPaid" -> {
                java.util.Map<String, Long> sold = new java.util.LinkedHashMap<>();
                for (JsonNode l : d.get("lines")) {
                    sold.merge(l.get("productId").asString(), l.get("quantity").asLong(), Long::sum);
                }
                yield readModels.sold(e.id(), sold);
            }
            case "ProductRatingUpdated" -> {
                java.util.Map<String, Long> dist = new java.util.LinkedHashMap<>();
                JsonNode dn = d.get("distribution");
                for (String star : new String[] {"1", "2", "3", "4", "5"}) {
                    dist.put(star, dn == null || dn.get(star) == null ? 0L : dn.get(star).asLong());
                }
                yield readModels.rating(d.get("productId").asString(), d.get("average").asDouble(), d.get("count").asLong(),
                        dist, java.time.Instant.parse(d.get("updatedAt").asString()));
            }
            default -> Mono.empty();
        };
    }
}
