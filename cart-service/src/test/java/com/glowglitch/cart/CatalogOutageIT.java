package com.glowglitch.cart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;

import reactor.core.publisher.Flux;

/** The catalog down: adding answers 503 problem+json at once, nothing in the cart changes, reading it still works. */
@SpringBootTest(classes = CartApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CatalogOutageIT extends CartTestSupport {

    @Test
    void withTheCatalogDownAddingFailsCleanlyAndWorksAgainAfter() {
        Item ring = product(5, 5_000);
        Item band = product(5, 3_000);
        String me = customerToken();
        Map<?, ?> before = add(me, ring, 1);
        String list = (String) as(me).post().uri("/api/wishlists").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"x\"}").exchange().expectStatus().isCreated().expectBody(Map.class)
                .returnResult().getResponseBody().get("id");
        catalog().stop();
        try {
            for (int i = 0; i < 12; i++) { // enough calls to open the breaker on the way
                as(me).post().uri("/api/carts/me/items").contentType(MediaType.APPLICATION_JSON)
                        .bodyValue("{\"productId\":\"" + band.productId() + "\",\"sku\":\"" + band.sku() + "\",\"quantity\":1}")
                        .exchange().expectStatus().isEqualTo(503)
                        .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                        .expectHeader().exists("Retry-After")
                        .expectBody().jsonPath("$.type").isEqualTo("https://glowglitch.dev/problems/catalog-unavailable");
            }
            as(me).post().uri("/api/wishlists/{id}/items", list).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"productId\":\"" + band.productId() + "\"}").exchange().expectStatus().isEqualTo(503);
            Map<?, ?> during = cart(me);
            assertThat(during.get("version")).isEqualTo(before.get("version"));
            assertThat(lines(during)).hasSize(1);
        } finally {
            catalog().start();
        }
        // the breaker lets calls through again after its wait; the shopper's retry works
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).pollInterval(java.time.Duration.ofSeconds(1))
                .untilAsserted(() -> as(me).post().uri("/api/carts/me/items").contentType(MediaType.APPLICATION_JSON)
                        .bodyValue("{\"productId\":\"" + band.productId() + "\",\"sku\":\"" + band.sku() + "\",\"quantity\":1}")
                        .exchange().expectStatus().isOk());
        assertThat(lines(cart(me))).hasSize(2);
        assertThat(stock(band.sku())).containsExactly(5, 4, 1, 0);
    }

    /** A new shopper's first two requests at the same moment share one cart (unique active-owner index). */
    @Test
    void racingFirstRequestsMakeOneCart() {
        Item ring = product(10, 5_000);
        Item band = product(10, 3_000);
        String me = customerToken();
        List<Object> ids = Flux.just(ring, band, ring, band).flatMap(item -> http().mutate()
                        .defaultHeader("Authorization", "Bearer " + me).build()
                        .post().uri("/api/carts/me/items").contentType(MediaType.APPLICATION_JSON)
                        .bodyValue("{\"productId\":\"" + item.productId() + "\",\"sku\":\"" + item.sku() + "\",\"quantity\":1}")
                        .exchange().returnResult(Map.class).getResponseBody().next()
                        .map(m -> (Object) String.valueOf(m.get("id"))), 4)
                .collectList().block(java.time.Duration.ofSeconds(60));
        assertThat(ids).hasSize(4);
        Map<?, ?> cart = cart(me);
        // every successful answer named the one active cart; conflicts (409) are allowed, duplicates are not
        assertThat(ids.stream().filter(id -> !"null".equals(id)).distinct()).containsOnly(cart.get("id"));
        long held = stock(ring.sku())[2] + stock(band.sku())[2];
        assertThat(held).as("what the catalog holds equals what the cart shows").isEqualTo(((Number) cart.get("itemCount")).longValue());
    }
}
