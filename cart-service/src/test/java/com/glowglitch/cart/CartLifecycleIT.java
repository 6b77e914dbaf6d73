package com.glowglitch.cart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import com.glowglitch.cart.cart.CartLifecycle;
import com.glowglitch.contracts.EventContracts;
import com.glowglitch.platform.test.MutableClock;
import com.glowglitch.platform.test.MutableClockConfig;
import com.glowglitch.platform.test.TestEvents;
import com.glowglitch.platform.test.TopicReader;

import tools.jackson.databind.json.JsonMapper;

/** Checkout hand-off, restore after a cancelled order, abandonment and recovery — driven by order events on Kafka. */
@SpringBootTest(classes = {CartApplication.class, MutableClockConfig.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "glowglitch.cart.idle-check-interval=1h")
class CartLifecycleIT extends CartTestSupport {

    @Autowired
    MutableClock clock;
    @Autowired
    CartLifecycle lifecycle;

    static final EventContracts CONTRACTS = new EventContracts();
    static final JsonMapper JSON = JsonMapper.builder().build();

    static void orderEvent(String type, String orderId, String body) {
        TestEvents.send(TestEvents.record("order.events", orderId, UUID.randomUUID().toString(), type,
                java.time.Instant.now().toString(), body));
    }

    static String placed(String orderId, String cartId, Item item) {
        return "{\"orderId\":\"" + orderId + "\",\"orderNumber\":\"GG-100001\",\"cartId\":\"" + cartId + "\",\"userId\":null,"
                + "\"lines\":[{\"lineId\":\"l1\",\"productId\":\"" + item.productId() + "\",\"sku\":\"" + item.sku() + "\",\"quantity\":1,"
                + "\"unitPrice\":{\"amountMinor\":5000,\"currency\":\"USD\"},\"lineTotal\":{\"amountMinor\":5000,\"currency\":\"USD\"}}],"
                + "\"total\":{\"amountMinor\":5400,\"currency\":\"USD\"},\"placedAt\":\"2026-11-25T10:00:00Z\"}";
    }

    static List<ConsumerRecord<byte[], byte[]>> cartEvents(TopicReader reader, String type, String cartId, int n) {
        List<ConsumerRecord<byte[], byte[]>> seen = reader.awaitMatching(r -> type.equals(TopicReader.header(r, "ce_type"))
                && cartId.equals(TopicReader.header(r, "ce_subject")), n, Duration.ofSeconds(30), Duration.ofSeconds(2));
        assertThat(seen).allSatisfy(r -> assertThat(CONTRACTS.validate(type, JSON.readTree(TopicReader.value(r)))).isEmpty());
        return seen;
    }

    @Test
    void aPlacedOrderConvertsTheCartOnceAndACancelledOneCanBeRestoredWithItsStock() {
        Item ring = product(5, 5_000);
        String me = customerToken();
        String cartId = (String) add(me, ring, 2).get("id");
        String orderId = UUID.randomUUID().toString();
        try (TopicReader reader = new TopicReader("cart.events")) {
            String body = placed(orderId, cartId, ring);
            orderEvent("OrderPlaced", orderId, body);
            orderEvent("OrderPlaced", orderId, body); // redelivered
            assertThat(cartEvents(reader, "CartConverted", cartId, 1)).hasSize(1);
        }
        as(me).get().uri("/api/carts/{id}", cartId).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("converted").jsonPath("$.order.orderId").isEqualTo(orderId);
        assertThat(cart(me).get("id")).isNull(); // the next visit starts a new cart
        as(me).post().uri("/api/carts/me/restore").exchange().expectStatus().isNotFound();

        // the catalog released the holds when the order was cancelled; here we give them back as it would
        String hold = (String) lineOf(as(me).get().uri("/api/carts/{id}", cartId).exchange().expectBody(Map.class)
                .returnResult().getResponseBody(), ring.sku()).get("reservationId");
        catalogAs(me).delete().uri("/api/inventory/reservations/{id}", hold).exchange().expectStatus().isNoContent();
        orderEvent("OrderCancelled", orderId, "{\"orderId\":\"" + orderId + "\",\"orderNumber\":\"GG-100001\",\"cartId\":\"" + cartId
                + "\",\"reason\":\"payment declined\",\"paid\":false,\"cancelledAt\":\"2026-11-25T10:00:02Z\"}");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(me).get().uri("/api/carts/{id}", cartId).exchange()
                .expectBody().jsonPath("$.restorable").isEqualTo(true));
        // the catalog (a real one, also on order.events) committed and then released the order's unit
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(stock(ring.sku())).containsExactly(5, 5, 0, 0));

        Map<?, ?> restored = as(me).post().uri("/api/carts/me/restore").exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat(restored.get("id")).isEqualTo(cartId);
        assertThat(restored.get("status")).isEqualTo("active");
        assertThat(lineOf(restored, ring.sku()).get("state")).isEqualTo("reserved");
        assertThat(stock(ring.sku())).containsExactly(5, 3, 2, 0);
        assertThat(cart(me).get("id")).isEqualTo(cartId);
        as(me).post().uri("/api/carts/me/restore").exchange().expectStatus().isNotFound();
    }

    @Test
    void anIdleCartIsReportedAbandonedOnceAndRecoveredWhenBought() {
        Item ring = product(5, 5_000);
        String me = customerToken();
        String cartId = (String) add(me, ring, 1).get("id");
        String empty = guestToken();
        try (TopicReader reader = new TopicReader("cart.events")) {
            clock.advance(Duration.ofMinutes(30));
            lifecycle.reportAbandoned().block();
            clock.advance(Duration.ofMinutes(31));
            lifecycle.reportAbandoned().block();
            lifecycle.reportAbandoned().block(); // a second pass reports nothing new
            List<ConsumerRecord<byte[], byte[]>> abandoned = cartEvents(reader, "CartAbandoned", cartId, 1);
            assertThat(abandoned).hasSize(1);
            assertThat(TopicReader.value(abandoned.get(0))).contains(ring.sku()).contains("\"guest\":false");

            // coming back starts a new idle spell; the purchase recovers the cart once
            String orderId = UUID.randomUUID().toString();
            orderEvent("OrderPlaced", orderId, placed(orderId, cartId, ring));
            String paid = "{\"orderId\":\"" + orderId + "\",\"orderNumber\":\"GG-100002\",\"cartId\":\"" + cartId + "\","
                    + "\"lines\":[{\"productId\":\"" + ring.productId() + "\",\"sku\":\"" + ring.sku() + "\",\"quantity\":1,"
                    + "\"lineTotal\":{\"amountMinor\":5000,\"currency\":\"USD\"}}],\"total\":{\"amountMinor\":5400,\"currency\":\"USD\"},"
                    + "\"paidAt\":\"2026-11-25T11:00:00Z\"}";
            orderEvent("OrderPaid", orderId, paid);
            orderEvent("OrderPaid", orderId, paid);
            assertThat(cartEvents(reader, "CartRecovered", cartId, 1)).hasSize(1);
        }
        assertThat(lines(cart(empty))).isEmpty();
    }

    @Test
    void guestCartsLeftForThirtyDaysClose() {
        Item ring = product(5, 5_000);
        String guest = guestToken();
        add(guest, ring, 1);
        clock.advance(Duration.ofDays(31));
        assertThat(lifecycle.expireGuestCarts().block()).isPositive();
        assertThat(cart(guest).get("id")).isNull();
    }
}
