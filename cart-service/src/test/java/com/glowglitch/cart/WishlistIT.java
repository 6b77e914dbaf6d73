package com.glowglitch.cart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;

import com.glowglitch.contracts.EventContracts;
import com.glowglitch.platform.test.TestEvents;
import com.glowglitch.platform.test.TestInfrastructure;
import com.glowglitch.platform.test.TopicReader;

import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(classes = CartApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WishlistIT extends CartTestSupport {

    static final EventContracts CONTRACTS = new EventContracts();
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    ReactiveMongoTemplate mongo;

    Map<?, ?> newList(String token, String body) {
        return as(token).post().uri("/api/wishlists").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
    }

    Map<?, ?> addItem(String token, Object listId, String body) {
        return as(token).post().uri("/api/wishlists/{id}/items", listId).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> items(Map<?, ?> list) {
        return (List<Map<String, Object>>) list.get("items");
    }

    @Test
    void privacyDecidesWhoSeesAListAndShareLinksWorkWithoutSigningIn() {
        Item ring = product(3, 8_000);
        String me = customerToken();
        String other = customerToken();
        Map<?, ?> list = newList(me, "{\"name\":\"Birthday ✨\"}");
        assertThat(list.get("privacy")).isEqualTo("private");
        assertThat(list.get("sharePath")).isNull();
        Map<?, ?> withItem = addItem(me, list.get("id"), "{\"productId\":\"" + ring.productId() + "\",\"note\":\"size 6 please\"}");
        as(other).get().uri("/api/wishlists/{id}", list.get("id")).exchange().expectStatus().isNotFound();
        as(other).delete().uri("/api/wishlists/{id}", list.get("id")).exchange().expectStatus().isNotFound();
        as(other).post().uri("/api/wishlists/{id}/items", list.get("id")).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"productId\":\"" + ring.productId() + "\"}").exchange().expectStatus().isNotFound();

        Map<?, ?> unlisted;
        try (TopicReader reader = new TopicReader("cart.events")) {
            unlisted = as(me).patch().uri("/api/wishlists/{id}", list.get("id")).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"version\":" + withItem.get("version") + ",\"privacy\":\"unlisted\"}").exchange().expectStatus().isOk()
                    .expectBody(Map.class).returnResult().getResponseBody();
            List<ConsumerRecord<byte[], byte[]>> shared = reader.awaitMatching(r -> "WishlistShared".equals(TopicReader.header(r, "ce_type"))
                    && list.get("id").equals(TopicReader.header(r, "ce_subject")), 1, Duration.ofSeconds(30), Duration.ofSeconds(1));
            assertThat(shared).hasSize(1);
            String token = ((String) unlisted.get("sharePath")).substring("/api/wishlists/shared/".length());
            assertThat(TopicReader.value(shared.get(0))).doesNotContain(token);
            assertThat(CONTRACTS.validate("WishlistShared", JSON.readTree(TopicReader.value(shared.get(0))))).isEmpty();
        }
        String path = (String) unlisted.get("sharePath");
        assertThat(path).matches("/api/wishlists/shared/[A-Za-z0-9_-]{32}");
        http().get().uri(path).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.name").isEqualTo("Birthday ✨").jsonPath("$.items[0].note").isEqualTo("size 6 please")
                .jsonPath("$.owner").doesNotExist().jsonPath("$.items[0].priceAlert").doesNotExist();
        as(other).get().uri("/api/wishlists/{id}", list.get("id")).exchange().expectStatus().isNotFound(); // unlisted: link only

        Map<?, ?> pub = as(me).patch().uri("/api/wishlists/{id}", list.get("id")).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"version\":" + unlisted.get("version") + ",\"privacy\":\"public\"}").exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        as(other).get().uri("/api/wishlists/{id}", list.get("id")).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.sharePath").doesNotExist().jsonPath("$.items.length()").isEqualTo(1);
        as(me).patch().uri("/api/wishlists/{id}", list.get("id")).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"version\":" + unlisted.get("version") + ",\"name\":\"stale\"}").exchange().expectStatus().isEqualTo(409);

        Map<?, ?> rotated = as(me).post().uri("/api/wishlists/{id}/share-link", list.get("id")).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        http().get().uri(path).exchange().expectStatus().isNotFound();
        http().get().uri((String) rotated.get("sharePath")).exchange().expectStatus().isOk();
        as(me).patch().uri("/api/wishlists/{id}", list.get("id")).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"version\":" + rotated.get("version") + ",\"privacy\":\"private\"}").exchange().expectStatus().isOk();
        http().get().uri((String) rotated.get("sharePath")).exchange().expectStatus().isNotFound();
        http().get().uri("/api/wishlists/shared/{t}", "short").exchange().expectStatus().isNotFound();
        http().get().uri("/api/wishlists").exchange().expectStatus().isUnauthorized();
        as(guestToken()).post().uri("/api/wishlists").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\":\"x\"}")
                .exchange().expectStatus().isEqualTo(422);
        assertThat(pub.get("privacy")).isEqualTo("public");
    }

    @Test
    void aPriceDropFiresExactlyOneAlertPerWatchingItemEvenWhenDeliveredTwice() {
        Item ring = product(5, 30_000);
        String me = customerToken();
        Map<?, ?> list = newList(me, "{\"name\":\"Watching\"}");
        addItem(me, list.get("id"), "{\"productId\":\"" + ring.productId() + "\",\"sku\":\"" + ring.sku() + "\","
                + "\"priceAlert\":{\"kind\":\"any-drop\"}}");
        Map<?, ?> withBoth = addItem(me, list.get("id"), "{\"productId\":\"" + ring.productId() + "\",\"options\":{\"material\":\"gold-14k\"},"
                + "\"priceAlert\":{\"kind\":\"below\",\"targetPrice\":{\"amountMinor\":40000,\"currency\":\"USD\"}}}");
        assertThat(items(withBoth)).extracting(i -> (Object) ((Map<?, ?>) i.get("price")).get("amountMinor")).containsExactly(30_000, 45_000);

        try (TopicReader catalogEvents = new TopicReader("catalog.events"); TopicReader cartEvents = new TopicReader("cart.events")) {
            // 300.00 → 280.00: the any-drop item fires; the gold one is 430.00, still above its 400.00 target
            catalogAs(adminToken()).put().uri("/api/products/{id}/price", ring.productId()).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"price\":{\"amountMinor\":28000,\"currency\":\"USD\"}}").exchange().expectStatus().isOk();
            List<ConsumerRecord<byte[], byte[]>> priceChanged = catalogEvents.awaitMatching(r -> "PriceChanged".equals(
                    TopicReader.header(r, "ce_type")) && ring.productId().equals(TopicReader.header(r, "ce_subject")), 1,
                    Duration.ofSeconds(30), Duration.ZERO);
            assertThat(priceChanged).hasSize(1);
            redeliver(priceChanged.get(0));
            List<ConsumerRecord<byte[], byte[]>> alerts = alertsFor(cartEvents, list.get("id"), 1);
            assertThat(alerts).hasSize(1);
            assertThat(TopicReader.value(alerts.get(0))).contains("\"kind\":\"any-drop\"").contains("\"amountMinor\":28000");

            // 280.00 → 240.00: any-drop fires again, the gold one (390.00) crosses its target and fires once
            catalogAs(adminToken()).put().uri("/api/products/{id}/price", ring.productId()).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"price\":{\"amountMinor\":24000,\"currency\":\"USD\"}}").exchange().expectStatus().isOk();
            alerts = alertsFor(cartEvents, list.get("id"), 3);
            assertThat(alerts).hasSize(3);
            assertThat(alerts).allSatisfy(r -> assertThat(CONTRACTS.validate("PriceAlertTriggered",
                    JSON.readTree(TopicReader.value(r)))).isEmpty());
            assertThat(TopicReader.value(alerts.get(2)) + TopicReader.value(alerts.get(1))).contains("\"kind\":\"below\"");

            // a rise fires nothing
            catalogAs(adminToken()).put().uri("/api/products/{id}/price", ring.productId()).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"price\":{\"amountMinor\":26000,\"currency\":\"USD\"}}").exchange().expectStatus().isOk();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(items(as(me).get().uri("/api/wishlists/{id}",
                    list.get("id")).exchange().expectBody(Map.class).returnResult().getResponseBody()).get(0).get("price"))
                    .isEqualTo(Map.of("amountMinor", 26000, "currency", "USD")));
            assertThat(alertsFor(cartEvents, list.get("id"), 4)).hasSize(3);
        }
    }

    @Test
    void backInStockAlertsOnceAndMoveToCartOnlyMovesWhatCouldBeAdded() {
        Item ring = product(1, 9_000);
        String me = customerToken();
        Map<?, ?> list = newList(me, "{\"name\":\"Soon\"}");
        Map<?, ?> saved = addItem(me, list.get("id"), "{\"productId\":\"" + ring.productId() + "\",\"sku\":\"" + ring.sku() + "\","
                + "\"backInStockAlert\":true}");
        String itemId = (String) items(saved).get(0).get("id");
        // someone else takes the last one: moving it to the cart fails and the item stays, marked out of stock
        add(customerToken(), ring, 1);
        as(me).post().uri("/api/wishlists/{id}/items/{item}/move-to-cart", list.get("id"), itemId).exchange()
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.type").isEqualTo("https://glowglitch.dev/problems/out-of-stock");
        Map<?, ?> after = as(me).get().uri("/api/wishlists/{id}", list.get("id")).exchange().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(items(after)).singleElement().satisfies(i -> assertThat(i.get("outOfStock")).isEqualTo(true));
        assertThat(lines(cart(me))).isEmpty();

        try (TopicReader cartEvents = new TopicReader("cart.events")) {
            catalogAs(adminToken()).put().uri("/api/products/{id}/variants/{sku}/stock", ring.productId(), ring.sku())
                    .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"total\":4}").exchange().expectStatus().isOk();
            List<ConsumerRecord<byte[], byte[]>> back = cartEvents.awaitMatching(r -> "BackInStockAlertTriggered".equals(
                    TopicReader.header(r, "ce_type")) && list.get("id").equals(TopicReader.header(r, "ce_subject")), 1,
                    Duration.ofSeconds(30), Duration.ofSeconds(2));
            assertThat(back).hasSize(1);
            assertThat(CONTRACTS.validate("BackInStockAlertTriggered", JSON.readTree(TopicReader.value(back.get(0))))).isEmpty();
        }
        Map<?, ?> moved = as(me).post().uri("/api/wishlists/{id}/items/{item}/move-to-cart", list.get("id"), itemId)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"quantity\":2}").exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat(lineOf(moved, ring.sku()).get("quantity")).isEqualTo(2);
        assertThat(items(as(me).get().uri("/api/wishlists/{id}", list.get("id")).exchange().expectBody(Map.class)
                .returnResult().getResponseBody())).isEmpty();
        assertThat(stock(ring.sku())).containsExactly(4, 1, 3, 0);
    }

    @Test
    void limitsAndBadInputAreRefusedAndChangeNothing() {
        Item ring = product(3, 8_000);
        String me = customerToken();
        Map<?, ?> list = newList(me, "{\"name\":\"Full\"}");
        List<Document> many = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            many.add(new Document("_id", null).append("id", "seed-" + i).append("productId", ring.productId()).append("name", "x")
                    .append("modifiersMinor", 0L).append("backInStockAlert", false).append("outOfStock", false)
                    .append("unavailable", false).append("addedAt", java.util.Date.from(Instant.now())));
            many.get(i).remove("_id");
        }
        mongo.updateFirst(Query.query(Criteria.where("_id").is(list.get("id"))),
                new org.springframework.data.mongodb.core.query.Update().set("items", many), "wishlists").block();
        as(me).post().uri("/api/wishlists/{id}/items", list.get("id")).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"productId\":\"" + ring.productId() + "\"}").exchange().expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.type").isEqualTo("https://glowglitch.dev/problems/wishlist-full");

        Map<?, ?> small = newList(me, "{\"name\":\"Small\"}");
        String base = "{\"productId\":\"" + ring.productId() + "\"";
        for (String bad : List.of(base + ",\"note\":\"<script>alert(1)</script>\"}", base + ",\"$where\":\"1\"}",
                base + ",\"priceAlert\":{\"kind\":\"below\"}}", base + ",\"priceAlert\":{\"kind\":\"sometimes\"}}",
                base + ",\"priceAlert\":{\"kind\":\"any-drop\",\"targetPrice\":{\"amountMinor\":100,\"currency\":\"USD\"}}}",
                base + ",\"priceAlert\":{\"kind\":\"below\",\"targetPrice\":{\"amountMinor\":99.5,\"currency\":\"USD\"}}}",
                base + ",\"sku\":\"lower\"}", "{\"productId\":{\"$gt\":\"\"}}")) {
            as(me).post().uri("/api/wishlists/{id}/items", small.get("id")).contentType(MediaType.APPLICATION_JSON).bodyValue(bad)
                    .exchange().expectStatus().isBadRequest();
        }
        as(me).post().uri("/api/wishlists/{id}/items", small.get("id")).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"productId\":\"" + ring.productId() + "\",\"options\":{\"material\":\"unobtainium\"}}")
                .exchange().expectStatus().isEqualTo(422);
        for (String bad : List.of("{\"name\":\"\"}", "{\"name\":\"" + "x".repeat(61) + "\"}", "{\"name\":\"<b>hi</b>\"}",
                "{\"name\":\"ok\",\"privacy\":\"friends\"}")) {
            as(me).post().uri("/api/wishlists").contentType(MediaType.APPLICATION_JSON).bodyValue(bad).exchange().expectStatus().isBadRequest();
        }
        assertThat(items(as(me).get().uri("/api/wishlists/{id}", small.get("id")).exchange().expectBody(Map.class)
                .returnResult().getResponseBody())).isEmpty();

        // 60 creates at once: never more than 50 lists, whatever the interleaving; the rest are refused
        String many50 = customerToken();
        List<Integer> statuses = reactor.core.publisher.Flux.range(0, 60).flatMap(i -> http().mutate()
                        .defaultHeader("Authorization", "Bearer " + many50).build()
                        .post().uri("/api/wishlists").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\":\"List " + i + "\"}")
                        .exchange().returnResult(String.class).getResponseBody().then(reactor.core.publisher.Mono.just(0))
                        .onErrorReturn(0), 16)
                .collectList().block(Duration.ofSeconds(60));
        assertThat(statuses).hasSize(60);
        long made = mongo.count(Query.query(Criteria.where("owner").is(subjectOf(many50))), "wishlists").block();
        assertThat(made).isBetween(1L, 50L);
        for (long i = made; i < 50; i++) { // what a race turned away with 409 can be created afterwards
            newList(many50, "{\"name\":\"Later " + i + "\"}");
        }
        as(many50).post().uri("/api/wishlists").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\":\"one more\"}")
                .exchange().expectStatus().isEqualTo(422).expectBody().jsonPath("$.type").isEqualTo("https://glowglitch.dev/problems/wishlist-limit");
        as(many50).get().uri("/api/wishlists").exchange().expectStatus().isOk().expectBody().jsonPath("$.length()").isEqualTo(50);
    }

    @Test
    void anErasedUserLosesCartsAndWishlists() {
        Item ring = product(3, 8_000);
        String userId = "customer-" + UUID.randomUUID();
        String me = TestInfrastructure.token(userId, "customer");
        add(me, ring, 1);
        newList(me, "{\"name\":\"Mine\"}");
        TestEvents.send(TestEvents.record("identity.events", userId, UUID.randomUUID().toString(), "UserErased",
                Instant.now().toString(), "{\"userId\":\"" + userId + "\",\"erasedBy\":\"admin-1\",\"erasedAt\":\"" + Instant.now() + "\"}"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(mongo.count(Query.query(Criteria.where("owner").is(userId)), "carts").block()).isZero();
            assertThat(mongo.count(Query.query(Criteria.where("owner").is(userId)), "wishlists").block()).isZero();
        });
    }

    static String subjectOf(String token) {
        String payload = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]), java.nio.charset.StandardCharsets.UTF_8);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"sub\"\\s*:\\s*\"([^\"]+)\"").matcher(payload);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    static void redeliver(ConsumerRecord<byte[], byte[]> r) {
        ProducerRecord<byte[], byte[]> again = new ProducerRecord<>(r.topic(), r.key(), r.value());
        r.headers().forEach(h -> again.headers().add(h));
        TestEvents.send(again);
    }

    static List<ConsumerRecord<byte[], byte[]>> alertsFor(TopicReader reader, Object listId, int n) {
        return reader.awaitMatching(r -> "PriceAlertTriggered".equals(TopicReader.header(r, "ce_type"))
                && listId.equals(TopicReader.header(r, "ce_subject")), n, Duration.ofSeconds(n > 3 ? 3 : 30), Duration.ofSeconds(2));
    }
}
