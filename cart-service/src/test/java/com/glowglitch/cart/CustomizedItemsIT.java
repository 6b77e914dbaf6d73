package com.glowglitch.cart;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.glowglitch.platform.test.ServiceProcess;
import com.glowglitch.platform.test.TestInfrastructure;

/**
 * Lines and wishlist items that name a saved design, against the real customization-service and
 * catalog-service (their jars, on the same broker and store): the design must be the shopper's,
 * of the same product, and it gives the line its options and so its price.
 */
@SpringBootTest(classes = CartApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@SuppressWarnings("unchecked")
class CustomizedItemsIT extends CartTestSupport {

    static ServiceProcess customization() {
        return ServiceProcess.of("customization-service", Map.of("CATALOG_URL", catalog().url()));
    }

    @DynamicPropertySource
    static void customizationUrl(DynamicPropertyRegistry r) {
        r.add("glowglitch.cart.customization-url", () -> customization().url());
    }

    WebTestClient designsAs(String token) {
        return WebTestClient.bindToServer().baseUrl(customization().url()).responseTimeout(Duration.ofSeconds(20))
                .defaultHeader("Authorization", "Bearer " + token).build();
    }

    String design(String token, Item item, String options) {
        return (String) designsAs(token).post().uri("/api/customizations").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"productId\":\"" + item.productId() + "\",\"options\":" + options + ",\"design\":{\"stoneColor\":\"#FFD1DC\"}}")
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id");
    }

    static String custom(String id, int version) {
        return ",\"customization\":{\"id\":\"" + id + "\",\"version\":" + version + "}";
    }

    @Test
    void aCustomizedLineTakesTheDesignsOptionsAndPrice() {
        Item ring = product(5, 5_000);
        String me = customerToken();
        String id = design(me, ring, "{\"material\":\"gold-14k\",\"size\":\"us-7\",\"engraving\":\"Mia\"}");

        Map<?, ?> cart = add(me, ring, 1, custom(id, 1));
        Map<String, Object> line = lineOf(cart, ring.sku());
        assertThat(((Map<?, ?>) line.get("unitPrice")).get("amountMinor")).isEqualTo(5_000 + 15_000 + 2_500);
        assertThat((Map<Object, Object>) line.get("options")).containsEntry("material", "gold-14k").containsEntry("engraving", "Mia");
        assertThat((Map<Object, Object>) line.get("customization")).containsEntry("id", id).containsEntry("version", 1);
        // the same design again is the same line; the hold grows with it
        cart = add(me, ring, 1, custom(id, 1) + ",\"options\":{\"material\":\"gold-14k\",\"size\":\"us-7\",\"engraving\":\"Mia\"}");
        assertThat(lines(cart)).singleElement().satisfies(l -> assertThat(l.get("quantity")).isEqualTo(2));
        // the plain ring is another line at the plain price
        cart = add(me, ring, 1);
        assertThat(lines(cart)).hasSize(2);
        assertThat(stock(ring.sku())).containsExactly(5, 2, 3, 0);
    }

    @Test
    void aDesignThatIsNotTheShoppersOrNotOfThisProductIsRefusedAndNothingChanges() {
        Item ring = product(5, 5_000);
        Item band = product(5, 3_000);
        String me = customerToken();
        String someoneElse = TestInfrastructure.token("customer-" + UUID.randomUUID(), "customer");
        String ofBand = design(me, band, "{\"material\":\"silver\"}");
        String notMine = design(someoneElse, ring, "{\"material\":\"silver\"}");
        String mine = design(me, ring, "{\"material\":\"silver\"}");
        add(me, ring, 1);
        long version = ((Number) cart(me).get("version")).longValue();
        String base = "{\"productId\":\"" + ring.productId() + "\",\"sku\":\"" + ring.sku() + "\",\"quantity\":1";
        Map<String, String> refused = Map.of(
                base + custom(ofBand, 1) + "}", "customization-of-another-product",
                base + custom(notMine, 1) + "}", "unknown-customization",
                base + custom(mine, 2) + "}", "unknown-customization",
                base + custom("no-such-design", 1) + "}", "unknown-customization",
                base + custom(mine, 1) + ",\"options\":{\"material\":\"gold-14k\"}}", "options-conflict");
        refused.forEach((body, type) -> as(me).post().uri("/api/carts/me/items").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange().expectStatus().isEqualTo(422)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://glowglitch.dev/problems/" + type));
        for (String body : new String[] {base + ",\"customization\":{\"id\":\"x\",\"version\":0}}",
                base + ",\"customization\":{\"id\":\"$x\",\"version\":1}}", base + ",\"customization\":{\"version\":1}}"}) {
            as(me).post().uri("/api/carts/me/items").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                    .exchange().expectStatus().isBadRequest();
        }
        // the same rules for a wishlist item
        String list = (String) as(me).post().uri("/api/wishlists").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"Dream\"}").exchange().expectStatus().isCreated().expectBody(Map.class)
                .returnResult().getResponseBody().get("id");
        as(me).post().uri("/api/wishlists/{id}/items", list).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"productId\":\"" + ring.productId() + "\"" + custom(ofBand, 1) + "}")
                .exchange().expectStatus().isEqualTo(422).expectBody().jsonPath("$.type")
                .isEqualTo("https://glowglitch.dev/problems/customization-of-another-product");

        Map<?, ?> after = cart(me);
        assertThat(((Number) after.get("version")).longValue()).isEqualTo(version);
        assertThat(lines(after)).singleElement().satisfies(l -> assertThat(l.get("customization")).isNull());
        assertThat(stock(ring.sku())).containsExactly(5, 4, 1, 0);

        // a wishlist item names the design and keeps its options; moving it puts the customized line in the cart
        Map<?, ?> saved = as(me).post().uri("/api/wishlists/{id}/items", list).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"productId\":\"" + ring.productId() + "\",\"sku\":\"" + ring.sku() + "\"" + custom(mine, 1) + "}")
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        Map<?, ?> item = (Map<?, ?>) ((java.util.List<?>) saved.get("items")).get(0);
        assertThat((Map<Object, Object>) item.get("options")).containsEntry("material", "silver");
        Map<?, ?> moved = as(me).post().uri("/api/wishlists/{id}/items/{item}/move-to-cart", list, item.get("id"))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"quantity\":1}")
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(lines(moved)).hasSize(2).anySatisfy(l -> assertThat((Map<Object, Object>) l.get("customization")).containsEntry("id", mine));
    }

    @Test
    void withCustomizationDownACustomizedAddFailsCleanlyAndPlainAddsStillWork() {
        Item ring = product(5, 5_000);
        String me = customerToken();
        String id = design(me, ring, "{\"material\":\"silver\"}");
        customization().stop();
        try {
            as(me).post().uri("/api/carts/me/items").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"productId\":\"" + ring.productId() + "\",\"sku\":\"" + ring.sku() + "\",\"quantity\":1" + custom(id, 1) + "}")
                    .exchange().expectStatus().isEqualTo(503)
                    .expectBody().jsonPath("$.type").isEqualTo("https://glowglitch.dev/problems/customization-unavailable");
            add(me, ring, 1);
            assertThat(stock(ring.sku())).containsExactly(5, 4, 1, 0);
        } finally {
            customization().start();
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> as(me).post().uri("/api/carts/me/items").contentType(MediaType.APPLICATION_JSON)
                        .bodyValue("{\"productId\":\"" + ring.productId() + "\",\"sku\":\"" + ring.sku() + "\",\"quantity\":1" + custom(id, 1) + "}")
                        .exchange().expectStatus().isOk());
        assertThat(lines(cart(me))).hasSize(2);
    }
}
