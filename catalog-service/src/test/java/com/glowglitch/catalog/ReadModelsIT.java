package com.glowglitch.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;

import com.glowglitch.platform.test.ServiceTest;
import com.glowglitch.platform.test.TestEvents;

/** Ratings from review.events and units sold from order.events: shown, sortable, and each event counted once. */
@SpringBootTest(classes = CatalogApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReadModelsIT extends ServiceTest {

    String create(String name, String collection) {
        return (String) asAdmin().post().uri("/api/products").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"" + name + "\",\"category\":\"charms\",\"status\":\"active\","
                        + "\"price\":{\"amountMinor\":3000,\"currency\":\"USD\"},\"merchandising\":{\"collections\":[\"" + collection + "\"]},"
                        + "\"variants\":[{\"sku\":\"R-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase() + "\",\"stock\":50}]}")
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id");
    }

    static void rating(String productId, double avg, int count, Instant at) {
        TestEvents.send(TestEvents.record("review.events", productId, UUID.randomUUID().toString(), "ProductRatingUpdated",
                Instant.now().toString(), "{\"productId\":\"" + productId + "\",\"average\":" + avg + ",\"count\":" + count
                        + ",\"distribution\":{\"1\":0,\"2\":0,\"3\":0,\"4\":" + (count / 2) + ",\"5\":" + (count - count / 2) + "},"
                        + "\"updatedAt\":\"" + at + "\"}"));
    }

    @SuppressWarnings("unchecked")
    List<String> ids(String collection, String sort) {
        List<String> out = new ArrayList<>();
        String cursor = null;
        do {
            String from = cursor;
            Map<?, ?> page = http().get().uri(u -> {
                        u.path("/api/products").queryParam("collection", collection).queryParam("sort", sort).queryParam("limit", 2);
                        return from == null ? u.build() : u.queryParam("cursor", "{c}").build(from);
                    })
                    .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
            ((List<Map<String, Object>>) page.get("items")).forEach(i -> out.add((String) i.get("id")));
            cursor = (String) page.get("nextCursor");
        } while (cursor != null);
        return out;
    }

    @Test
    void ratingsAndSalesFeedTheirSortsAndCountOnce() {
        String col = "rm-" + UUID.randomUUID().toString().substring(0, 6);
        String a = create("Read Model A " + col, col);
        String b = create("Read Model B " + col, col);
        String c = create("Read Model C " + col, col);
        Instant t = Instant.parse("2026-11-25T10:00:00Z");
        rating(a, 4.2, 10, t);
        rating(b, 4.9, 3, t);
        rating(c, 3.1, 8, t);
        rating(c, 5.0, 1, t.minusSeconds(60)); // an older summary arriving late is ignored
        rating(c, 3.1, 8, t);                  // and a redelivery changes nothing
        // c sorts last with or without its rating, so wait for its page to show the summary first
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> http().get().uri("/api/products/{id}", c).exchange()
                .expectBody().jsonPath("$.rating.average").isEqualTo(3.1)
                .jsonPath("$.rating.count").isEqualTo(8).jsonPath("$.rating.distribution.5").isEqualTo(4));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(ids(col, "rating")).containsExactly(b, a, c));

        String orderId = UUID.randomUUID().toString();
        String paid = "{\"orderId\":\"" + orderId + "\",\"orderNumber\":\"GG-400001\",\"cartId\":\"cart-x\",\"lines\":["
                + "{\"productId\":\"" + c + "\",\"sku\":\"ANY-SKU\",\"quantity\":3,\"lineTotal\":{\"amountMinor\":9000,\"currency\":\"USD\"}},"
                + "{\"productId\":\"" + a + "\",\"sku\":\"ANY-SKU\",\"quantity\":1,\"lineTotal\":{\"amountMinor\":3000,\"currency\":\"USD\"}}],"
                + "\"total\":{\"amountMinor\":12000,\"currency\":\"USD\"},\"paidAt\":\"2026-11-25T11:00:00Z\"}";
        var record = TestEvents.record("order.events", orderId, UUID.randomUUID().toString(), "OrderPaid", Instant.now().toString(), paid);
        TestEvents.send(record);
        TestEvents.send(record); // the same event (same id) delivered twice
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(ids(col, "popularity")).containsExactly(c, a, b));
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                http().get().uri("/api/products/{id}", c).exchange().expectBody().jsonPath("$.popularity.sold").isEqualTo(3));
        http().get().uri("/api/products?sort=stars").exchange().expectStatus().isBadRequest();
    }
}
