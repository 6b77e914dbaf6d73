package com.glowglitch.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;

import com.glowglitch.catalog.inventory.Inventory;
import com.glowglitch.contracts.EventContracts;
import com.glowglitch.platform.test.ServiceTest;
import com.glowglitch.platform.test.TestEvents;
import com.glowglitch.platform.test.TopicReader;

import tools.jackson.databind.json.JsonMapper;

/** The catalog's step of the checkout saga, driven by order events on the real broker. */
@SpringBootTest(classes = CatalogApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CommitmentsIT extends ServiceTest {

    static final EventContracts CONTRACTS = new EventContracts();
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    Inventory inventory;
    @Autowired
    ReactiveMongoTemplate mongo;

    String[] product(int stock) {
        return product(asAdmin(), stock);
    }

    long[] stock(String sku) {
        return stock(mongo, sku);
    }

    /** A one-variant ring with {@code stock} units, created by the admin: {id, sku}. */
    static String[] product(org.springframework.test.web.reactive.server.WebTestClient admin, int stock) {
        String sku = "O-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        Map<?, ?> p = admin.post().uri("/api/products").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"Order Ring " + sku + "\",\"category\":\"rings\",\"status\":\"active\","
                        + "\"price\":{\"amountMinor\":9900,\"currency\":\"USD\"},"
                        + "\"variants\":[{\"sku\":\"" + sku + "\",\"label\":\"one\",\"stock\":" + stock + "}]}")
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        return new String[] {(String) p.get("id"), sku};
    }

    /** {total, available, reserved, committed} of the variant {@code sku}. */
    @SuppressWarnings("unchecked")
    static long[] stock(ReactiveMongoTemplate mongo, String sku) {
        Document p = mongo.findOne(Query.query(Criteria.where("variants.sku").is(sku)), Document.class, "products").block();
        Document s = ((List<Document>) p.get("variants", List.class)).get(0).get("stock", Document.class);
        return new long[] {((Number) s.get("total")).longValue(), ((Number) s.get("available")).longValue(),
                ((Number) s.get("reserved")).longValue(), ((Number) s.get("committed")).longValue()};
    }

    static String line(String[] p, int qty, String hold) {
        return "{\"lineId\":\"l-" + p[1] + "\",\"productId\":\"" + p[0] + "\",\"sku\":\"" + p[1] + "\",\"quantity\":" + qty + ","
                + "\"unitPrice\":{\"amountMinor\":9900,\"currency\":\"USD\"},\"lineTotal\":{\"amountMinor\":" + 9900 * qty
                + ",\"currency\":\"USD\"},\"reservationId\":" + (hold == null ? "null" : "\"" + hold + "\"") + "}";
    }

    static void send(String type, String orderId, String body) {
        TestEvents.send(TestEvents.record("order.events", orderId, UUID.randomUUID().toString(), type, Instant.now().toString(), body));
    }

    static void placed(String orderId, String... lines) {
        send("OrderPlaced", orderId, "{\"orderId\":\"" + orderId + "\",\"orderNumber\":\"GG-300001\",\"cartId\":\"cart-1\","
                + "\"lines\":[" + String.join(",", lines) + "],\"total\":{\"amountMinor\":1,\"currency\":\"USD\"},"
                + "\"placedAt\":\"2026-11-25T10:00:00Z\"}");
    }

    static List<ConsumerRecord<byte[], byte[]>> outcome(TopicReader reader, String orderId) {
        List<ConsumerRecord<byte[], byte[]>> seen = reader.awaitMatching(r -> orderId.equals(TopicReader.header(r, "ce_subject"))
                && TopicReader.header(r, "ce_type").startsWith("Inventory"), 1, Duration.ofSeconds(30), Duration.ofSeconds(2));
        assertThat(seen).allSatisfy(r -> assertThat(CONTRACTS.validate(TopicReader.header(r, "ce_type"),
                JSON.readTree(TopicReader.value(r)))).isEmpty());
        return seen;
    }

    @Test
    void anOrdersHoldsAndShelfStockAreCommittedOnceAndGoBackWhenItIsCancelled() {
        String[] ring = product(5);
        String[] band = product(2);
        Inventory.Hold hold = inventory.reserve("cart-1", ring[1], 2).block();
        String orderId = UUID.randomUUID().toString();
        try (TopicReader reader = new TopicReader("catalog.events")) {
            placed(orderId, line(ring, 2, hold.id()), line(band, 1, null));
            placed(orderId, line(ring, 2, hold.id()), line(band, 1, null)); // redelivered
            List<ConsumerRecord<byte[], byte[]>> out = outcome(reader, orderId);
            assertThat(out).singleElement().satisfies(r -> assertThat(TopicReader.header(r, "ce_type")).isEqualTo("InventoryCommitted"));
        }
        assertThat(stock(ring[1])).containsExactly(5, 3, 0, 2);
        assertThat(stock(band[1])).containsExactly(2, 1, 0, 1);
        assertThat(inventory.findHold(hold.id()).blockOptional()).isEmpty();

        send("OrderCancelled", orderId, "{\"orderId\":\"" + orderId + "\",\"orderNumber\":\"GG-300001\",\"cartId\":\"cart-1\","
                + "\"reason\":\"payment declined\",\"paid\":false,\"cancelledAt\":\"2026-11-25T10:00:02Z\"}");
        send("OrderCancelled", orderId, "{\"orderId\":\"" + orderId + "\",\"orderNumber\":\"GG-300001\",\"cartId\":\"cart-1\","
                + "\"reason\":\"payment declined\",\"paid\":false,\"cancelledAt\":\"2026-11-25T10:00:02Z\"}");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(stock(ring[1])).containsExactly(5, 5, 0, 0);
            assertThat(stock(band[1])).containsExactly(2, 2, 0, 0);
        });
    }

    static String refunded(String orderId, String refundId, String[] p, int qty, boolean restock) {
        return "{\"orderId\":\"" + orderId + "\",\"orderNumber\":\"GG-300002\",\"refundId\":\"" + refundId + "\","
                + "\"amount\":{\"amountMinor\":9900,\"currency\":\"USD\"},\"lines\":[{\"lineId\":\"l-1\",\"productId\":\"" + p[0]
                + "\",\"sku\":\"" + p[1] + "\",\"quantity\":" + qty + ",\"amount\":{\"amountMinor\":9900,\"currency\":\"USD\"}}],"
                + "\"restock\":" + restock + ",\"full\":false,\"totalRefunded\":{\"amountMinor\":9900,\"currency\":\"USD\"},"
                + "\"refundedAt\":\"2026-11-25T10:00:05Z\"}";
    }

    @Test
    void refundedUnitsGoBackOnTheShelfOncePerRefundAndOnlyWhenRestocked() {
        String[] ring = product(5);
        String orderId = UUID.randomUUID().toString();
        try (TopicReader reader = new TopicReader("catalog.events")) {
            placed(orderId, line(ring, 3, null));
            outcome(reader, orderId);
        }
        assertThat(stock(ring[1])).containsExactly(5, 2, 0, 3);
        send("OrderRefunded", orderId, refunded(orderId, "rf_a", ring, 1, true));
        send("OrderRefunded", orderId, refunded(orderId, "rf_a", ring, 1, true)); // redelivered
        send("OrderRefunded", orderId, refunded(orderId, "rf_b", ring, 1, false)); // the goods stayed with the customer
        send("OrderRefunded", UUID.randomUUID().toString(), refunded("another-order", "rf_c", ring, 1, true)); // not ours to give back
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(stock(ring[1])).containsExactly(5, 3, 0, 2));
        send("OrderRefunded", orderId, refunded(orderId, "rf_d", ring, 2, true));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(stock(ring[1])).containsExactly(5, 5, 0, 0));
        // the redelivery and the other order's refund really were consumed, and changed nothing
        await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> true);
        assertThat(stock(ring[1])).containsExactly(5, 5, 0, 0);
    }

    @Test
    void anOrderThatCannotHaveAllItsStockIsRejectedWithTheLinesThatFailedAndKeepsNothing() {
        String[] ring = product(5);
        String[] band = product(1);
        String orderId = UUID.randomUUID().toString();
        try (TopicReader reader = new TopicReader("catalog.events")) {
            placed(orderId, line(ring, 2, null), line(band, 3, null));
            List<ConsumerRecord<byte[], byte[]>> out = outcome(reader, orderId);
            assertThat(out).singleElement().satisfies(r -> {
                assertThat(TopicReader.header(r, "ce_type")).isEqualTo("InventoryRejected");
                assertThat(TopicReader.value(r)).contains("\"sku\":\"" + band[1] + "\"").contains("\"available\":1")
                        .contains("\"reason\":\"out-of-stock\"").doesNotContain(ring[1]);
            });
        }
        assertThat(stock(ring[1])).containsExactly(5, 5, 0, 0);
        assertThat(stock(band[1])).containsExactly(1, 1, 0, 0);
    }

    /** Two orders for the last unit (neither has a hold): exactly one gets it. */
    @Test
    void twoOrdersForTheLastUnitOneCommitsOneIsRejected() {
        String[] ring = product(1);
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        try (TopicReader reader = new TopicReader("catalog.events")) {
            placed(first, line(ring, 1, null));
            placed(second, line(ring, 1, null));
            List<String> types = List.of(outcome(reader, first), outcome(reader, second)).stream()
                    .map(l -> TopicReader.header(l.get(0), "ce_type")).toList();
            assertThat(types).containsExactlyInAnyOrder("InventoryCommitted", "InventoryRejected");
        }
        assertThat(stock(ring[1])).containsExactly(1, 0, 0, 1);
    }
}
