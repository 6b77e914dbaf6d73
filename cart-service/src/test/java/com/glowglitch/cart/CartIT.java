package com.glowglitch.cart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;

import reactor.core.publisher.Mono;

@SpringBootTest(classes = CartApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CartIT extends CartTestSupport {

    @Test
    void addingHoldsStockAndTheCartShowsPricesHoldsAndTotals() {
        Item ring = product(10, 12_000);
        Item band = product(5, 4_000);
        String me = customerToken();

        add(me, ring, 2, ",\"options\":{\"material\":\"gold-14k\",\"engraving\":\"Mia\"}");
        Map<?, ?> cart = add(me, band, 1);
        assertThat(stock(ring.sku())).containsExactly(10, 8, 2, 0);
        assertThat(stock(band.sku())).containsExactly(5, 4, 1, 0);

        Map<String, Object> line = lineOf(cart, ring.sku());
        assertThat(line.get("state")).isEqualTo("reserved");
        assertThat(line.get("reservationId")).isNotNull();
        assertThat(line.get("reservedUntil")).isNotNull();
        assertThat(((Map<?, ?>) line.get("unitPrice")).get("amountMinor")).isEqualTo(12_000 + 15_000 + 2_500);
        Map<?, ?> totals = (Map<?, ?>) cart.get("totals");
        long subtotal = 2L * 29_500 + 4_000;
        long tax = (subtotal * 800 + 5_000) / 10_000;
        assertThat(totals.get("subtotalMinor")).isEqualTo((int) subtotal);
        assertThat(totals.get("shippingMinor")).isEqualTo(0); // above the free-shipping threshold
        assertThat(totals.get("taxMinor")).isEqualTo((int) tax);
        assertThat(totals.get("totalMinor")).isEqualTo((int) (subtotal + tax));
        assertThat(cart.get("itemCount")).isEqualTo(3);

        // the same item again adds to its line and its hold; another configuration is another line
        cart = add(me, band, 2);
        assertThat(lines(cart)).hasSize(2);
        assertThat(lineOf(cart, band.sku()).get("quantity")).isEqualTo(3);
        assertThat(stock(band.sku())).containsExactly(5, 2, 3, 0);

        String bandLine = (String) lineOf(cart, band.sku()).get("id");
        as(me).patch().uri("/api/carts/me/items/{id}", bandLine).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"quantity\":1}").exchange().expectStatus().isOk();
        assertThat(stock(band.sku())).containsExactly(5, 4, 1, 0);
        as(me).patch().uri("/api/carts/me/items/{id}", bandLine).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"quantity\":6}").exchange().expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.type").isEqualTo("https://glowglitch.dev/problems/out-of-stock");
        assertThat(stock(band.sku())).containsExactly(5, 4, 1, 0);
        assertThat(lineOf(cart(me), band.sku()).get("quantity")).isEqualTo(1);

        as(me).delete().uri("/api/carts/me/items/{id}", bandLine).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.lines.length()").isEqualTo(1);
        assertThat(stock(band.sku())).containsExactly(5, 5, 0, 0);

        // small orders pay the flat shipping estimate
        String other = customerToken();
        Map<?, ?> small = add(other, band, 1);
        assertThat(((Map<?, ?>) small.get("totals")).get("shippingMinor")).isEqualTo(995);
    }

    @Test
    void aShopperSeesOnlyTheirOwnCart() {
        Item ring = product(3, 5_000);
        String alice = customerToken();
        String cartId = (String) add(alice, ring, 1).get("id");
        as(alice).get().uri("/api/carts/{id}", cartId).exchange().expectStatus().isOk();
        as(customerToken()).get().uri("/api/carts/{id}", cartId).exchange().expectStatus().isNotFound();
        asAdmin().get().uri("/api/carts/{id}", cartId).exchange().expectStatus().isOk();
        http().get().uri("/api/carts/me").exchange().expectStatus().isUnauthorized();
        Map<?, ?> fresh = cart(customerToken());
        assertThat(fresh.get("id")).isNull();
        assertThat(lines(fresh)).isEmpty();
    }

    @Test
    void guestCartMergesIntoTheShoppersCartOnceWithItsHolds() {
        Item ring = product(10, 5_000);
        Item band = product(10, 3_000);
        String guest = guestToken();
        String user = customerToken();
        add(guest, ring, 2);
        add(guest, band, 1);
        String userCart = (String) add(user, ring, 1).get("id");
        assertThat(stock(ring.sku())).containsExactly(10, 7, 3, 0);

        Map<?, ?> merged = as(user).post().uri("/api/carts/me/merge").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("guestToken", guest)).exchange().expectStatus().isOk().expectBody(Map.class)
                .returnResult().getResponseBody();
        assertThat(merged.get("id")).isEqualTo(userCart);
        assertThat(lineOf(merged, ring.sku()).get("quantity")).isEqualTo(3);
        assertThat(lineOf(merged, ring.sku()).get("state")).isEqualTo("reserved");
        assertThat(lineOf(merged, band.sku()).get("quantity")).isEqualTo(1);
        assertThat(lineOf(merged, band.sku()).get("state")).isEqualTo("reserved");
        // the holds followed: nothing was released or taken twice, and they now belong to the shopper's cart
        assertThat(stock(ring.sku())).containsExactly(10, 7, 3, 0);
        assertThat(stock(band.sku())).containsExactly(10, 9, 1, 0);
        assertThat(holdsOf(ring.sku())).singleElement().satisfies(h -> {
            assertThat(h.getString("cartId")).isEqualTo(userCart);
            assertThat(h.getInteger("quantity")).isEqualTo(3);
            assertThat(h.getString("id")).isEqualTo(lineOf(merged, ring.sku()).get("reservationId"));
        });
        assertThat(holdsOf(band.sku())).singleElement().satisfies(h -> assertThat(h.getString("cartId")).isEqualTo(userCart));
        // the guest's cart is closed
        assertThat(lines(cart(guest))).isEmpty();

        Map<?, ?> again = as(user).post().uri("/api/carts/me/merge").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("guestToken", guest)).exchange().expectStatus().isOk().expectBody(Map.class)
                .returnResult().getResponseBody();
        assertThat(again.get("version")).isEqualTo(merged.get("version"));
        assertThat(lineOf(again, ring.sku()).get("quantity")).isEqualTo(3);
        assertThat(stock(ring.sku())).containsExactly(10, 7, 3, 0);

        // only a real guest token can be merged, and only into a signed-in shopper's cart
        as(user).post().uri("/api/carts/me/merge").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("guestToken", customerToken())).exchange().expectStatus().isBadRequest();
        as(user).post().uri("/api/carts/me/merge").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("guestToken", "not-a-token")).exchange().expectStatus().isBadRequest();
        as(guestToken()).post().uri("/api/carts/me/merge").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("guestToken", guestToken())).exchange().expectStatus().isEqualTo(422);
    }

    @Test
    void aLapsedHoldShowsAsExpiredAndCanBeReservedAgain() {
        Item ring = product(4, 5_000);
        String me = customerToken();
        Map<?, ?> cart = add(me, ring, 2);
        String holdId = (String) lineOf(cart, ring.sku()).get("reservationId");
        // time passes for this hold: the catalog's expiry job releases it and says so on catalog.events
        Mono.from(mongoClient.getDatabase("glowglitch_catalog-service").getCollection("products").updateOne(
                new Document("holds.id", holdId), new Document("$set", new Document("holds.$.expiresAt",
                        java.util.Date.from(java.time.Instant.now().minusSeconds(60)))))).block(Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, Object> line = lineOf(cart(me), ring.sku());
            assertThat(line.get("state")).isEqualTo("reservation-expired");
            assertThat(line.get("reservationId")).isNull();
        });
        assertThat(stock(ring.sku())).containsExactly(4, 4, 0, 0);
        assertThat(cart(me).get("hasChanges")).isEqualTo(true);

        String lineId = (String) lineOf(cart(me), ring.sku()).get("id");
        // the shelf empties: the lapsed line says so and leaves the totals; stock comes back, so does the line
        catalogAs(adminToken()).put().uri("/api/products/{id}/variants/{sku}/stock", ring.productId(), ring.sku())
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"total\":1}").exchange().expectStatus().isOk();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(lineOf(cart(me), ring.sku()).get("state")).isEqualTo("out-of-stock"));
        assertThat(((Map<?, ?>) cart(me).get("totals")).get("subtotalMinor")).isEqualTo(0);
        as(me).post().uri("/api/carts/me/items/{id}/reserve", lineId).exchange().expectStatus().isEqualTo(422);
        catalogAs(adminToken()).put().uri("/api/products/{id}/variants/{sku}/stock", ring.productId(), ring.sku())
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"total\":4}").exchange().expectStatus().isOk();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(lineOf(cart(me), ring.sku()).get("state")).isEqualTo("reservation-expired"));

        Map<?, ?> again = as(me).post().uri("/api/carts/me/items/{id}/reserve", lineId).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat(lineOf(again, ring.sku()).get("state")).isEqualTo("reserved");
        assertThat(stock(ring.sku())).containsExactly(4, 2, 2, 0);
    }

    @Test
    void aPriceChangeRepricesTheLineAndFlagsItUntilSeen() {
        Item ring = product(4, 5_000);
        String me = customerToken();
        add(me, ring, 1, ",\"options\":{\"material\":\"gold-14k\"}");
        catalogAs(adminToken()).put().uri("/api/products/{id}/price", ring.productId()).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"price\":{\"amountMinor\":4000,\"currency\":\"USD\"}}").exchange().expectStatus().isOk();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, Object> line = lineOf(cart(me), ring.sku());
            assertThat(((Map<?, ?>) line.get("unitPrice")).get("amountMinor")).isEqualTo(4_000 + 15_000);
            assertThat(line.get("priceChanged")).isEqualTo(true);
            assertThat(((Map<?, ?>) line.get("previousUnitPrice")).get("amountMinor")).isEqualTo(5_000 + 15_000);
        });
        Map<?, ?> seen = as(me).post().uri("/api/carts/me/acknowledge").exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat(lineOf(seen, ring.sku()).get("priceChanged")).isEqualTo(false);
        assertThat(seen.get("hasChanges")).isEqualTo(false);

        catalogAs(adminToken()).post().uri("/api/products/{id}/archive", ring.productId()).exchange().expectStatus().isOk();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(lineOf(cart(me), ring.sku()).get("state")).isEqualTo("unavailable"));
        assertThat(((Map<?, ?>) cart(me).get("totals")).get("subtotalMinor")).isEqualTo(0);
    }

    @Test
    void badInputIsRefusedAndChangesNothing() {
        Item ring = product(5, 5_000);
        Item other = product(5, 5_000);
        String me = customerToken();
        add(me, ring, 1);
        long version = ((Number) cart(me).get("version")).longValue();
        String base = "{\"productId\":\"" + ring.productId() + "\",\"sku\":\"" + ring.sku() + "\",";
        for (String body : List.of(base + "\"quantity\":0}", base + "\"quantity\":-1}", base + "\"quantity\":1000000000}",
                base + "\"quantity\":1.5}", base + "\"quantity\":\"2\"}", base + "\"quantity\":1,\"$where\":\"1\"}",
                base + "\"quantity\":1,\"options\":{\"material\":{\"$ne\":null}}}",
                base + "\"quantity\":1,\"options\":{\"engraving\":\"a\\u0000b\"}}",
                "{\"productId\":\"x\",\"sku\":\"lower\",\"quantity\":1}", "not json")) {
            as(me).post().uri("/api/carts/me/items").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                    .exchange().expectStatus().isBadRequest()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        }
        // rules the catalog knows: a SKU of another product, an option the piece does not offer, an unknown product
        as(me).post().uri("/api/carts/me/items").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"productId\":\"" + ring.productId() + "\",\"sku\":\"" + other.sku() + "\",\"quantity\":1}")
                .exchange().expectStatus().isEqualTo(422).expectBody().jsonPath("$.type").isEqualTo("https://glowglitch.dev/problems/unknown-sku");
        as(me).post().uri("/api/carts/me/items").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(base + "\"quantity\":1,\"options\":{\"material\":\"platinum\"}}")
                .exchange().expectStatus().isEqualTo(422).expectBody()
                .jsonPath("$.type").isEqualTo("https://glowglitch.dev/problems/option-not-offered")
                .jsonPath("$.option").isEqualTo("material");
        as(me).post().uri("/api/carts/me/items").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"productId\":\"no-such-product\",\"sku\":\"NO-SUCH\",\"quantity\":1}")
                .exchange().expectStatus().isNotFound();
        // limits: 11 of one item, more than the shelf holds
        as(me).post().uri("/api/carts/me/items").contentType(MediaType.APPLICATION_JSON).bodyValue(base + "\"quantity\":11}")
                .exchange().expectStatus().isEqualTo(422).expectBody().jsonPath("$.type").isEqualTo("https://glowglitch.dev/problems/quantity-limit");
        as(me).post().uri("/api/carts/me/items").contentType(MediaType.APPLICATION_JSON).bodyValue(base + "\"quantity\":5}")
                .exchange().expectStatus().isEqualTo(422).expectBody().jsonPath("$.type").isEqualTo("https://glowglitch.dev/problems/out-of-stock");
        as(me).patch().uri("/api/carts/me/items/{id}", "no-such-line").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"quantity\":1}").exchange().expectStatus().isNotFound();

        Map<?, ?> after = cart(me);
        assertThat(((Number) after.get("version")).longValue()).isEqualTo(version);
        assertThat(lines(after)).singleElement().satisfies(l -> assertThat(l.get("quantity")).isEqualTo(1));
        assertThat(stock(ring.sku())).containsExactly(5, 4, 1, 0);
        assertThat(stock(other.sku())).containsExactly(5, 5, 0, 0);
    }

    @SuppressWarnings("unchecked")
    List<Document> holdsOf(String sku) {
        Document p = Mono.from(mongoClient.getDatabase("glowglitch_catalog-service").getCollection("products")
                .find(new Document("variants.sku", sku)).first()).block(Duration.ofSeconds(10));
        return ((List<Document>) p.get("holds", List.class)).stream().filter(h -> sku.equals(h.getString("sku"))).toList();
    }
}
