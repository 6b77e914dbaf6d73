package com.glowglitch.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;

import com.glowglitch.contracts.EventContracts;
import com.glowglitch.platform.test.TestEvents;
import com.glowglitch.platform.test.TopicReader;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(classes = OrderApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OrderLifecycleIT extends OrderTestSupport {

    static final EventContracts CONTRACTS = new EventContracts();
    static final JsonMapper JSON = JsonMapper.builder().build();

    @SuppressWarnings("unchecked")
    static String lineId(Map<?, ?> order, String sku) {
        return (String) ((List<Map<String, Object>>) order.get("lines")).stream().filter(l -> sku.equals(l.get("sku")))
                .findFirst().orElseThrow().get("lineId");
    }

    Map<?, ?> adminPost(String number, String action, Object body) {
        return asAdmin().post().uri("/api/orders/{n}/" + action, number).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }

    @Test
    void partialRefundsAreExactToTheCentAndAddUpToWhatWasCaptured() throws Exception {
        Item ring = product(10, 12_000);
        Item charm = product(10, 6_000);
        String me = userToken();
        String number = placeOrder(me, OK_CARD, ring, 2, charm, 1);
        Map<?, ?> order = awaitStatus(me, number, "PAID");
        // subtotal 30,000; tax 8 % = 2,400; free shipping → 32,400 captured.
        // The ring line paid 32,400 × 24,000 / 30,000 = 25,920, the charm 6,480.
        assertThat(((Map<?, ?>) order.get("payment")).get("capturedMinor")).isEqualTo(32_400);
        String ringLine = lineId(order, ring.sku());
        String charmLine = lineId(order, charm.sku());

        Map<?, ?> partly = adminPost(number, "refund", Map.of("lines", List.of(Map.of("lineId", ringLine, "quantity", 1)),
                "reason", "one ring was scratched"));
        assertThat(partly.get("status")).isEqualTo("PARTIALLY_REFUNDED");
        assertThat(((Map<?, ?>) partly.get("payment")).get("refundedMinor")).isEqualTo(12_960);
        // not shipped yet: the refunded ring goes back on the shelf (2 committed → 1)
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(stock(ring.sku())).containsExactly(10, 9, 0, 1));

        // more than is left → 422, nothing changes
        asAdmin().post().uri("/api/orders/{n}/refund", number).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("amountMinor", 19_441)).exchange().expectStatus().isEqualTo(422)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://glowglitch.dev/problems/refund-exceeds-captured");
        asAdmin().post().uri("/api/orders/{n}/refund", number).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("lines", List.of(Map.of("lineId", ringLine, "quantity", 2)))).exchange().expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.type").isEqualTo("https://glowglitch.dev/problems/refund-exceeds-quantity");

        // the rest of the order still ships after a partial refund
        adminPost(number, "ship", Map.of("carrier", "UPS", "trackingNumber", "1Z999AA10123456784"));
        Map<?, ?> rest = adminPost(number, "refund", Map.of("lines", List.of(Map.of("lineId", ringLine, "quantity", 1),
                Map.of("lineId", charmLine, "quantity", 1))));
        assertThat(rest.get("status")).isEqualTo("REFUNDED");
        assertThat(((Map<?, ?>) rest.get("payment")).get("refundedMinor")).isEqualTo(32_400);
        // shipped goods are with the customer: no restock by default
        assertThat(stock(ring.sku())).containsExactly(10, 9, 0, 1);
        String orderId = (String) rest.get("id");
        assertThat(sandboxIntents(orderId).get(0).get("refundedMinor", Number.class).longValue()).isEqualTo(32_400);

        try (TopicReader reader = new TopicReader("order.events")) {
            List<ConsumerRecord<byte[], byte[]>> refunds = reader.awaitMatching(r -> "OrderRefunded".equals(TopicReader.header(r, "ce_type"))
                    && orderId.equals(TopicReader.header(r, "ce_subject")), 2, Duration.ofSeconds(20), Duration.ZERO);
            JsonNode first = JSON.readTree(TopicReader.value(refunds.get(0)));
            assertThat(CONTRACTS.validate("OrderRefunded", first)).isEmpty();
            assertThat(first.get("amount").get("amountMinor").asLong()).isEqualTo(12_960);
            assertThat(first.get("lines").get(0).get("quantity").asInt()).isEqualTo(1);
            assertThat(first.get("lines").get(0).get("amount").get("amountMinor").asLong()).isEqualTo(12_960);
            assertThat(first.get("restock").asBoolean()).isTrue();
            assertThat(first.get("full").asBoolean()).isFalse();
            JsonNode second = JSON.readTree(TopicReader.value(refunds.get(1)));
            assertThat(second.get("amount").get("amountMinor").asLong()).isEqualTo(12_960 + 6_480);
            assertThat(second.get("full").asBoolean()).isTrue();
            assertThat(second.get("restock").asBoolean()).isFalse();
        }
    }

    @Test
    void anOrderShipsIsTrackedDeliveredReturnedAndRefundedWithAnEventForEachStep() throws Exception {
        Item ring = product(4, 20_000);
        String me = userToken();
        String number = placeOrder(me, OK_CARD, ring, 1);
        awaitStatus(me, number, "PAID");
        adminPost(number, "process", Map.of());
        Map<?, ?> shipped = adminPost(number, "ship", Map.of("carrier", "DHL", "trackingNumber", "JD014600006281230704"));
        String shipment = (String) ((Map<?, ?>) ((List<?>) shipped.get("shipments")).get(0)).get("shipmentId");
        Map<?, ?> tracked = adminPost(number, "shipments/" + shipment + "/events",
                Map.of("status", "in_transit", "location", "Leipzig hub", "description", "departed"));
        assertThat((List<?>) ((Map<?, ?>) ((List<?>) tracked.get("shipments")).get(0)).get("events")).hasSize(1);
        adminPost(number, "deliver", Map.of());
        // a shopper can ask to return only what was delivered, and only their own order
        Map<?, ?> asked = as(me).post().uri("/api/orders/{n}/return", number).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("reason", "does not fit")).exchange().expectStatus().isOk().expectBody(Map.class)
                .returnResult().getResponseBody();
        assertThat(asked.get("status")).isEqualTo("RETURN_REQUESTED");
        adminPost(number, "returned", Map.of("note", "parcel back, ring intact"));
        Map<?, ?> refunded = adminPost(number, "refund", Map.of());
        assertThat(refunded.get("status")).isEqualTo("REFUNDED");
        assertThat(timeline(refunded)).containsExactly("PENDING", "STOCK_CONFIRMED", "PAID", "PROCESSING", "SHIPPED",
                "DELIVERED", "RETURN_REQUESTED", "RETURNED", "REFUND_REQUESTED", "REFUNDED");
        // returned goods come back to the shelf
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(stock(ring.sku())).containsExactly(4, 4, 0, 0));

        String orderId = (String) refunded.get("id");
        try (TopicReader reader = new TopicReader("order.events")) {
            List<ConsumerRecord<byte[], byte[]>> mine = reader.awaitMatching(r -> orderId.equals(TopicReader.header(r, "ce_subject")),
                    7, Duration.ofSeconds(20), Duration.ZERO);
            assertThat(mine.stream().map(r -> TopicReader.header(r, "ce_type")).toList()).containsExactly("OrderPlaced",
                    "OrderStockConfirmed", "OrderPaid", "OrderShipped", "OrderDelivered", "OrderReturned", "OrderRefunded");
            for (ConsumerRecord<byte[], byte[]> r : mine) {
                assertThat(CONTRACTS.validate(TopicReader.header(r, "ce_type"), JSON.readTree(TopicReader.value(r))))
                        .as(TopicReader.header(r, "ce_type")).isEmpty();
            }
        }
    }

    @Test
    void illegalMovesAreRefusedWith422AndChangeNothing() {
        Item ring = product(5, 8_000);
        String me = userToken();
        String cancelled = placeOrder(me, DECLINED_CARD, ring, 1);
        awaitStatus(me, cancelled, "CANCELLED");
        asAdmin().post().uri("/api/orders/{n}/ship", cancelled).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("carrier", "UPS", "trackingNumber", "1Z1")).exchange().expectStatus().isEqualTo(422)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://glowglitch.dev/problems/illegal-transition");
        asAdmin().post().uri("/api/orders/{n}/refund", cancelled).exchange().expectStatus().isEqualTo(422);

        String paid = placeOrder(me, OK_CARD, ring, 1);
        awaitStatus(me, paid, "PAID");
        asAdmin().post().uri("/api/orders/{n}/deliver", paid).exchange().expectStatus().isEqualTo(422);
        as(me).post().uri("/api/orders/{n}/return", paid).exchange().expectStatus().isEqualTo(422);
        adminPost(paid, "ship", Map.of("carrier", "UPS", "trackingNumber", "1Z2"));
        as(me).post().uri("/api/orders/{n}/cancel", paid).exchange().expectStatus().isEqualTo(422);
        // a shopper cannot use staff actions
        as(me).post().uri("/api/orders/{n}/deliver", paid).exchange().expectStatus().isForbidden();
        assertThat(order(me, paid).get("status")).isEqualTo("SHIPPED");
    }

    @Test
    void aShopperCancellingAPaidOrderIsRefundedInFullAndTheStockReturns() {
        Item ring = product(3, 15_000);
        String me = userToken();
        String number = placeOrder(me, OK_CARD, ring, 2);
        awaitStatus(me, number, "PAID");
        assertThat(stock(ring.sku())).containsExactly(3, 1, 0, 2);
        Map<?, ?> cancelled = as(me).post().uri("/api/orders/{n}/cancel", number).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("reason", "changed my mind")).exchange().expectStatus().isOk().expectBody(Map.class)
                .returnResult().getResponseBody();
        assertThat(cancelled.get("status")).isEqualTo("CANCELLED");
        Map<?, ?> payment = (Map<?, ?>) cancelled.get("payment");
        assertThat(payment.get("refundedMinor")).isEqualTo(payment.get("capturedMinor"));
        assertThat(((Map<?, ?>) cancelled.get("cancellation")).get("code")).isEqualTo("cancelled-by-customer");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(stock(ring.sku())).containsExactly(3, 3, 0, 0));
    }

    @Test
    void everySagaEventDeliveredTwiceLeavesTheSameFinalStateWithOneCaptureAndOneStockChange() throws Exception {
        Item ring = product(8, 11_000);
        String me = userToken();
        String number = placeOrder(me, OK_CARD, ring, 3);
        Map<?, ?> paid = awaitStatus(me, number, "PAID");
        String orderId = (String) paid.get("id");
        assertThat(stock(ring.sku())).containsExactly(8, 5, 0, 3);

        // every event of this saga, sent again exactly as it was (same ids, headers and bodies)
        List<ConsumerRecord<byte[], byte[]>> replay = new java.util.ArrayList<>();
        try (TopicReader orders = new TopicReader("order.events"); TopicReader catalogEvents = new TopicReader("catalog.events")) {
            replay.addAll(orders.awaitMatching(r -> orderId.equals(TopicReader.header(r, "ce_subject")), 3, Duration.ofSeconds(20), Duration.ZERO));
            replay.addAll(catalogEvents.awaitMatching(r -> orderId.equals(TopicReader.header(r, "ce_subject")), 1, Duration.ofSeconds(20), Duration.ZERO));
        }
        assertThat(replay.stream().map(r -> TopicReader.header(r, "ce_type")).toList())
                .containsExactlyInAnyOrder("OrderPlaced", "OrderStockConfirmed", "OrderPaid", "InventoryCommitted");
        for (ConsumerRecord<byte[], byte[]> r : replay) {
            ProducerRecord<byte[], byte[]> again = new ProducerRecord<>(r.topic(), r.key(), r.value());
            r.headers().forEach(h -> again.headers().add(h));
            TestEvents.send(again);
        }
        // and the catalog's answer once more under a new event id, as a producer that crashed before its ack would send it
        ConsumerRecord<byte[], byte[]> committed = replay.stream().filter(r -> "InventoryCommitted".equals(TopicReader.header(r, "ce_type")))
                .findFirst().orElseThrow();
        TestEvents.send(TestEvents.record("catalog.events", orderId, java.util.UUID.randomUUID().toString(), "InventoryCommitted",
                TopicReader.header(committed, "ce_time"), TopicReader.value(committed)));

        // the catalog answered the duplicate OrderPlaced with nothing new; wait for the redeliveries to be consumed
        try (TopicReader catalogEvents = new TopicReader("catalog.events")) {
            assertThat(catalogEvents.awaitMatching(r -> orderId.equals(TopicReader.header(r, "ce_subject"))
                    && "InventoryCommitted".equals(TopicReader.header(r, "ce_type")), 4, Duration.ofSeconds(8), Duration.ZERO)
                    .stream().map(r -> TopicReader.header(r, "ce_id")).distinct().toList())
                    .hasSize(2); // the original (twice) and our hand-made copy: the catalog published no second answer
        }
        Map<?, ?> after = order(me, number);
        assertThat(after.get("status")).isEqualTo("PAID");
        assertThat(timeline(after)).containsExactly("PENDING", "STOCK_CONFIRMED", "PAID");
        assertThat(sandboxIntents(orderId)).hasSize(1);
        assertThat(((Map<?, ?>) after.get("payment")).get("capturedMinor")).isEqualTo(paid.get("payment") == null ? null
                : ((Map<?, ?>) paid.get("payment")).get("capturedMinor"));
        assertThat(stock(ring.sku())).containsExactly(8, 5, 0, 3);
        try (TopicReader orders = new TopicReader("order.events")) {
            List<ConsumerRecord<byte[], byte[]>> paidEvents = orders.awaitMatching(r -> orderId.equals(TopicReader.header(r, "ce_subject"))
                    && "OrderPaid".equals(TopicReader.header(r, "ce_type")), 3, Duration.ofSeconds(3), Duration.ZERO);
            // the original and our replay of it; order-service itself published OrderPaid once
            assertThat(paidEvents.stream().map(r -> TopicReader.header(r, "ce_id")).distinct().toList()).hasSize(1);
        }
        assertThat(orders(new Document("_id", orderId)).get(0).getList("timeline", Document.class)).hasSize(3);
    }
}
