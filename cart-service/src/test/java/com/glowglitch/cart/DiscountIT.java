package com.glowglitch.cart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;

import com.glowglitch.cart.discount.Discounts;
import com.glowglitch.platform.test.TestEvents;

import reactor.core.publisher.Flux;

@SpringBootTest(classes = CartApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DiscountIT extends CartTestSupport {

    @Autowired
    Discounts discounts;

    String code(String json) {
        String code = "T" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        asAdmin().post().uri("/api/carts/discount-codes").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json.replace("CODE", code)).exchange().expectStatus().isCreated();
        return code;
    }

    void apply(String token, String code, int status, String type) {
        var spec = as(token).post().uri("/api/carts/me/discount").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("code", code)).exchange().expectStatus().isEqualTo(status);
        if (type != null) {
            spec.expectBody().jsonPath("$.type").isEqualTo("https://glowglitch.dev/problems/" + type);
        }
    }

    @Test
    void aCodeDiscountsTheCartAndRefusesWithAReasonWhenItCannot() {
        Item ring = product(10, 10_000);
        String me = customerToken();
        add(me, ring, 1);
        String tenPct = code("{\"code\":\"CODE\",\"kind\":\"percentage\",\"percentOff\":10,"
                + "\"minSubtotal\":{\"amountMinor\":15000,\"currency\":\"USD\"}}");
        apply(me, tenPct, 422, "discount-below-minimum");
        add(me, ring, 1); // subtotal 20,000
        apply(me, tenPct.toLowerCase(), 200, null);
        Map<?, ?> cart = cart(me);
        Map<?, ?> totals = (Map<?, ?>) cart.get("totals");
        assertThat(((Map<?, ?>) cart.get("discount")).get("amountMinor")).isEqualTo(2_000);
        assertThat(totals.get("discountMinor")).isEqualTo(2_000);
        assertThat(totals.get("taxMinor")).isEqualTo(1_440); // 8% of 18,000
        assertThat(totals.get("totalMinor")).isEqualTo(18_000 + 1_440);

        // dropping under the minimum keeps the code but it stops discounting, with the reason
        String lineId = (String) lines(cart).get(0).get("id");
        as(me).patch().uri("/api/carts/me/items/{id}", lineId).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"quantity\":1}").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.discount.applicable").isEqualTo(false)
                .jsonPath("$.discount.reason").isEqualTo("below-minimum").jsonPath("$.totals.discountMinor").isEqualTo(0);

        String fixed = code("{\"code\":\"CODE\",\"kind\":\"fixed\",\"amountOff\":{\"amountMinor\":2500,\"currency\":\"USD\"}}");
        apply(me, fixed, 200, null); // replaces the first one
        assertThat(((Map<?, ?>) cart(me).get("discount")).get("code")).isEqualTo(fixed);
        assertThat(((Map<?, ?>) cart(me).get("totals")).get("discountMinor")).isEqualTo(2_500);
        as(me).delete().uri("/api/carts/me/discount").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.discount").doesNotExist();

        String expired = code("{\"code\":\"CODE\",\"kind\":\"fixed\",\"amountOff\":{\"amountMinor\":100,\"currency\":\"USD\"},"
                + "\"startsAt\":\"2020-01-01T00:00:00Z\",\"endsAt\":\"" + Instant.now().minusSeconds(60) + "\"}");
        apply(me, expired, 422, "discount-expired");
        String future = code("{\"code\":\"CODE\",\"kind\":\"fixed\",\"amountOff\":{\"amountMinor\":100,\"currency\":\"USD\"},"
                + "\"startsAt\":\"" + Instant.now().plusSeconds(3600) + "\"}");
        apply(me, future, 422, "discount-not-started");
        String otherProduct = code("{\"code\":\"CODE\",\"kind\":\"percentage\",\"percentOff\":50,\"productIds\":[\"someone-else\"]}");
        apply(me, otherProduct, 422, "discount-not-applicable");
        String necklaces = code("{\"code\":\"CODE\",\"kind\":\"percentage\",\"percentOff\":50,\"categories\":[\"necklaces\"]}");
        apply(me, necklaces, 422, "discount-not-applicable");
        String rings = code("{\"code\":\"CODE\",\"kind\":\"percentage\",\"percentOff\":50,\"categories\":[\"rings\"]}");
        apply(me, rings, 200, null);
        apply(me, "NOSUCHCODE", 422, "discount-unknown");
        apply(me, "{\"$ne\":1}", 400, null);

        asAdmin().delete().uri("/api/carts/discount-codes/{c}", rings).exchange().expectStatus().isNoContent();
        assertThat(((Map<?, ?>) cart(me).get("discount")).get("reason")).isEqualTo("inactive");
        apply(me, rings, 422, "discount-inactive");
    }

    @Test
    void onlyAdminsManageCodesAndBadCodesAreRefused() {
        String body = "{\"code\":\"NOPE123\",\"kind\":\"percentage\",\"percentOff\":10}";
        as(customerToken()).post().uri("/api/carts/discount-codes").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isForbidden();
        as(customerToken()).get().uri("/api/carts/discount-codes").exchange().expectStatus().isForbidden();
        for (String bad : List.of(
                "{\"code\":\"X1\",\"kind\":\"percentage\",\"percentOff\":10}",
                "{\"code\":\"GOOD123\",\"kind\":\"percentage\",\"percentOff\":0}",
                "{\"code\":\"GOOD123\",\"kind\":\"percentage\",\"percentOff\":101}",
                "{\"code\":\"GOOD123\",\"kind\":\"percentage\",\"percentOff\":10.5}",
                "{\"code\":\"GOOD123\",\"kind\":\"percentage\"}",
                "{\"code\":\"GOOD123\",\"kind\":\"fixed\",\"amountOff\":{\"amountMinor\":1.25,\"currency\":\"USD\"}}",
                "{\"code\":\"GOOD123\",\"kind\":\"fixed\",\"amountOff\":{\"amountMinor\":0,\"currency\":\"USD\"}}",
                "{\"code\":\"GOOD123\",\"kind\":\"fixed\",\"amountOff\":{\"amountMinor\":100,\"currency\":\"EUR\"}}",
                "{\"code\":\"GOOD123\",\"kind\":\"bogo\",\"percentOff\":10}",
                "{\"code\":\"GOOD123\",\"kind\":\"percentage\",\"percentOff\":10,\"usageLimit\":-5}",
                "{\"code\":\"GOOD123\",\"kind\":\"percentage\",\"percentOff\":10,\"startsAt\":\"2027-01-02T00:00:00Z\",\"endsAt\":\"2027-01-01T00:00:00Z\"}",
                "{\"code\":\"GOOD123\",\"kind\":\"percentage\",\"percentOff\":10,\"categories\":[\"spaceships\"]}")) {
            asAdmin().post().uri("/api/carts/discount-codes").contentType(MediaType.APPLICATION_JSON).bodyValue(bad)
                    .exchange().expectStatus().isBadRequest();
        }
        asAdmin().get().uri("/api/carts/discount-codes/GOOD123").exchange().expectStatus().isNotFound();
        String c = code("{\"code\":\"CODE\",\"kind\":\"percentage\",\"percentOff\":10}");
        asAdmin().post().uri("/api/carts/discount-codes").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"code\":\"" + c.toLowerCase() + "\",\"kind\":\"percentage\",\"percentOff\":10}")
                .exchange().expectStatus().isEqualTo(409);
        asAdmin().patch().uri("/api/carts/discount-codes/{c}", c).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"version\":0,\"usageLimit\":3}").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.remaining").isEqualTo(3).jsonPath("$.version").isEqualTo(1);
        asAdmin().patch().uri("/api/carts/discount-codes/{c}", c).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"version\":0,\"usageLimit\":4}").exchange().expectStatus().isEqualTo(409);
    }

    @Test
    void sampleCodesAreSeededOnce() {
        asAdmin().post().uri("/admin/db/seed").exchange().expectStatus().isOk();
        asAdmin().post().uri("/admin/db/seed").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.seeded[?(@.name=='discount_codes')].created").isEqualTo(0);
        asAdmin().get().uri("/api/carts/discount-codes/glow10").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.percentOff").isEqualTo(10).jsonPath("$.minSubtotalMinor").isEqualTo(5000);
    }

    /** 20 orders paid at the same moment with a code limited to 5: exactly 5 redemptions count. */
    @Test
    void theGlobalLimitHoldsUnderConcurrentPaidOrders() {
        String c = code("{\"code\":\"CODE\",\"kind\":\"percentage\",\"percentOff\":10,\"usageLimit\":5}");
        List<Discounts.Outcome> outcomes = Flux.range(0, 20)
                .flatMap(i -> discounts.redeem(UUID.randomUUID().toString(), c, "user-" + i, "cart-" + i), 20)
                .collectList().block(Duration.ofSeconds(60));
        assertThat(outcomes).filteredOn(o -> o == Discounts.Outcome.COUNTED).hasSize(5);
        assertThat(outcomes).filteredOn(o -> o == Discounts.Outcome.OVER_LIMIT).hasSize(15);
        assertThat(discounts.redemptionsCounted(c).block()).isEqualTo(5);
        asAdmin().get().uri("/api/carts/discount-codes/{c}", c).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.uses").isEqualTo(5).jsonPath("$.remaining").isEqualTo(0);
        apply(customerToken(), c, 404, null); // no cart yet: nothing to apply it to
    }

    @Test
    void perShopperLimitAndRedemptionsFollowPaidAndCancelledOrdersOnce() {
        String c = code("{\"code\":\"CODE\",\"kind\":\"fixed\",\"amountOff\":{\"amountMinor\":500,\"currency\":\"USD\"},"
                + "\"usageLimit\":10,\"perUserLimit\":1}");
        String userId = "customer-" + UUID.randomUUID();
        String me = com.glowglitch.platform.test.TestInfrastructure.token(userId, "customer");
        Item ring = product(10, 10_000);
        add(me, ring, 1);
        apply(me, c, 200, null);

        String orderId = UUID.randomUUID().toString();
        String paid = "{\"orderId\":\"" + orderId + "\",\"orderNumber\":\"GG-200001\",\"cartId\":\"cart-x\",\"userId\":\"" + userId + "\","
                + "\"lines\":[{\"productId\":\"" + ring.productId() + "\",\"sku\":\"" + ring.sku() + "\",\"quantity\":1,"
                + "\"lineTotal\":{\"amountMinor\":10000,\"currency\":\"USD\"}}],\"discountCode\":\"" + c + "\","
                + "\"total\":{\"amountMinor\":10260,\"currency\":\"USD\"},\"paidAt\":\"2026-11-25T11:00:00Z\"}";
        for (int i = 0; i < 2; i++) { // delivered twice
            TestEvents.send(TestEvents.record("order.events", orderId, UUID.randomUUID().toString(), "OrderPaid",
                    Instant.now().toString(), paid));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(discounts.redemptionsCounted(c).block()).isEqualTo(1));
        asAdmin().get().uri("/api/carts/discount-codes/{c}", c).exchange().expectBody()
                .jsonPath("$.uses").isEqualTo(1).jsonPath("$.remaining").isEqualTo(9);
        // the same shopper cannot use it a second time
        apply(me, c, 422, "discount-already-used");

        String cancelled = "{\"orderId\":\"" + orderId + "\",\"orderNumber\":\"GG-200001\",\"cartId\":\"cart-x\","
                + "\"reason\":\"refunded on request\",\"paid\":true,\"discountCode\":\"" + c + "\",\"cancelledAt\":\"2026-11-25T12:00:00Z\"}";
        for (int i = 0; i < 2; i++) {
            TestEvents.send(TestEvents.record("order.events", orderId, UUID.randomUUID().toString(), "OrderCancelled",
                    Instant.now().toString(), cancelled));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(discounts.redemptionsCounted(c).block()).isZero());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> asAdmin().get().uri("/api/carts/discount-codes/{c}", c)
                .exchange().expectBody().jsonPath("$.uses").isEqualTo(0).jsonPath("$.remaining").isEqualTo(10));
        apply(me, c, 200, null);
    }
}
