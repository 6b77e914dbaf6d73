package com.glowglitch.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

import com.glowglitch.catalog.inventory.CommitMarkerPruning;
import com.glowglitch.platform.test.MutableClock;
import com.glowglitch.platform.test.MutableClockConfig;
import com.glowglitch.platform.test.ServiceTest;
import com.glowglitch.platform.test.TopicReader;

/**
 * The markers committed orders leave in a product document are pruned once the order is past the
 * retention (refund markers with them), while younger orders keep theirs; a pruned order's
 * redelivered OrderPlaced or late OrderCancelled changes no stock.
 */
@SpringBootTest(classes = {CatalogApplication.class, MutableClockConfig.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"glowglitch.catalog.commit-marker-prune-interval=1h", "glowglitch.catalog.commit-marker-retention=180d",
            "spring.mongodb.database=catalog-pruning-it"})
class CommitMarkerPruningIT extends ServiceTest {

    @Autowired
    MutableClock clock;
    @Autowired
    CommitMarkerPruning pruning;
    @Autowired
    ReactiveMongoTemplate mongo;

    @SuppressWarnings("unchecked")
    List<String> markers(String productId) {
        Document p = mongo.findById(productId, Document.class, "products").block();
        List<String> m = (List<String>) p.get("orderCommits", List.class);
        return m == null ? List.of() : m;
    }

    @Test
    void markersOfOrdersPastTheRetentionArePrunedAndTheirLateEventsChangeNothing() {
        String[] ring = CommitmentsIT.product(asAdmin(), 10);
        String old = UUID.randomUUID().toString();
        String recent = UUID.randomUUID().toString();
        try (TopicReader reader = new TopicReader("catalog.events")) {
            CommitmentsIT.placed(old, CommitmentsIT.line(ring, 3, null));
            CommitmentsIT.outcome(reader, old);
        }
        CommitmentsIT.send("OrderRefunded", old, CommitmentsIT.refunded(old, "rf_old", ring, 1, true));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(CommitmentsIT.stock(mongo, ring[1])).containsExactly(10, 8, 0, 2));
        assertThat(markers(ring[0])).containsExactlyInAnyOrder(old + ":" + ring[1], "rf_old:" + ring[1]);

        clock.advance(Duration.ofDays(100));
        try (TopicReader reader = new TopicReader("catalog.events")) {
            CommitmentsIT.placed(recent, CommitmentsIT.line(ring, 1, null));
            CommitmentsIT.outcome(reader, recent);
        }
        assertThat(CommitmentsIT.stock(mongo, ring[1])).containsExactly(10, 7, 0, 3);

        clock.advance(Duration.ofDays(79)); // the old order is 179 days old: not yet
        assertThat(pruning.runOnce().block()).isZero();
        clock.advance(Duration.ofDays(2)); // 181 days
        assertThat(pruning.runOnce().block()).isEqualTo(1);
        assertThat(pruning.runOnce().block()).isZero();
        assertThat(markers(ring[0])).containsExactly(recent + ":" + ring[1]);

        // late events for the pruned order: the commitment record still guards, nothing moves
        CommitmentsIT.placed(old, CommitmentsIT.line(ring, 3, null));
        CommitmentsIT.send("OrderCancelled", old, "{\"orderId\":\"" + old + "\",\"orderNumber\":\"GG-300001\",\"cartId\":\"cart-1\","
                + "\"reason\":\"too late\",\"paid\":false,\"cancelledAt\":\"2026-11-25T10:00:02Z\"}");
        // the younger order can still be cancelled: its marker was kept
        CommitmentsIT.send("OrderCancelled", recent, "{\"orderId\":\"" + recent + "\",\"orderNumber\":\"GG-300002\",\"cartId\":\"cart-1\","
                + "\"reason\":\"changed mind\",\"paid\":false,\"cancelledAt\":\"2026-11-25T10:00:02Z\"}");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(CommitmentsIT.stock(mongo, ring[1])).containsExactly(10, 8, 0, 2));
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> true);
        assertThat(CommitmentsIT.stock(mongo, ring[1])).containsExactly(10, 8, 0, 2);
        assertThat(markers(ring[0])).isEmpty();
    }
}
