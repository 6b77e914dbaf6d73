package com.glowglitch.cart;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.glowglitch.platform.test.ServiceProcess;
import com.glowglitch.platform.test.ServiceTest;
import com.glowglitch.platform.test.TestInfrastructure;
import com.mongodb.reactivestreams.client.MongoClient;


/**
 * Cart tests run against the real catalog-service (its built jar, as a process on the same broker
 * and store): prices, holds and stock are the catalog's own. Its expiry job runs every second so
 * an expired hold is noticed quickly.
 */
abstract class CartTestSupport extends ServiceTest {

    static ServiceProcess catalog() {
        return ServiceProcess.of("catalog-service", Map.of("GLOWGLITCH_CATALOG_RESERVATION_EXPIRY_INTERVAL", "1s"));
    }

    @DynamicPropertySource
    static void catalogUrl(DynamicPropertyRegistry r) {
        r.add("glowglitch.cart.catalog-url", () -> catalog().url());
    }

    @Autowired
    MongoClient mongoClient;

    record Item(String productId, String sku) {
    }

    static final String OPTIONS = "{\"materials\":[{\"code\":\"silver\",\"name\":\"Silver\",\"priceModifierMinor\":0},"
            + "{\"code\":\"gold-14k\",\"name\":\"14k Gold\",\"priceModifierMinor\":15000}],"
            + "\"sizes\":[{\"code\":\"us-7\",\"name\":\"US 7\",\"priceModifierMinor\":0}],"
            + "\"engraving\":{\"allowed\":true,\"maxLength\":12,\"priceMinor\":2500}}";

    WebTestClient catalogAs(String token) {
        return WebTestClient.bindToServer().baseUrl(catalog().url()).responseTimeout(Duration.ofSeconds(20))
                .defaultHeader("Authorization", "Bearer " + token).build();
    }

    /** An active product in the catalog with one SKU holding {@code stock} units at {@code priceMinor}. */
    Item product(int stock, long priceMinor) {
        String sku = "C-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        Map<?, ?> p = catalogAs(TestInfrastructure.adminToken()).post().uri("/api/products").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"Cart Ring " + sku + "\",\"category\":\"rings\",\"status\":\"active\","
                        + "\"price\":{\"amountMinor\":" + priceMinor + ",\"currency\":\"USD\"},\"options\":" + OPTIONS + ","
                        + "\"variants\":[{\"sku\":\"" + sku + "\",\"label\":\"one\",\"stock\":" + stock + "}]}")
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        return new Item((String) p.get("id"), sku);
    }

    /** The catalog's books for a SKU: {total, available, reserved, committed}, read from its own database. */
    long[] stock(String sku) {
        return com.glowglitch.platform.test.CatalogBooks.of(mongoClient, sku);
    }

    Map<?, ?> add(String token, Item item, int qty) {
        return add(token, item, qty, "");
    }

    Map<?, ?> add(String token, Item item, int qty, String extra) {
        return as(token).post().uri("/api/carts/me/items").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"productId\":\"" + item.productId() + "\",\"sku\":\"" + item.sku() + "\",\"quantity\":" + qty + extra + "}")
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }

    Map<?, ?> cart(String token) {
        return as(token).get().uri("/api/carts/me").exchange().expectStatus().isOk().expectBody(Map.class)
                .returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> lines(Map<?, ?> cart) {
        return (List<Map<String, Object>>) cart.get("lines");
    }

    static Map<String, Object> lineOf(Map<?, ?> cart, String sku) {
        return lines(cart).stream().filter(l -> sku.equals(l.get("sku"))).findFirst().orElseThrow();
    }

    static String guestToken() {
        return TestInfrastructure.token("guest-" + UUID.randomUUID(), "guest");
    }
}
