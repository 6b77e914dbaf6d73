package com.glowglitch.order;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bson.Document;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.glowglitch.platform.test.ServiceProcess;
import com.glowglitch.platform.test.ServiceTest;
import com.glowglitch.platform.test.TestInfrastructure;
import com.mongodb.reactivestreams.client.MongoClient;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Order tests run the real saga: the catalog and the cart are their built jars, as processes on
 * the same broker and store; order-service runs in the test JVM. A shopper fills a cart in the
 * real cart-service (real holds in the real catalog) and checks out here.
 */
abstract class OrderTestSupport extends ServiceTest {

    static ServiceProcess catalog() {
        return ServiceProcess.of("catalog-service", Map.of("GLOWGLITCH_CATALOG_RESERVATION_EXPIRY_INTERVAL", "1s"));
    }

    static ServiceProcess cart() {
        return ServiceProcess.of("cart-service", Map.of("CATALOG_URL", catalog().url()));
    }

    @DynamicPropertySource
    static void neighbours(DynamicPropertyRegistry r) {
        r.add("glowglitch.order.cart-url", () -> cart().url());
        r.add("glowglitch.order.stock-timeout", () -> "10s");
        r.add("glowglitch.order.payment-timeout", () -> "10s");
        r.add("glowglitch.order.watchdog-interval", () -> "500ms");
        r.add("glowglitch.order.payment-backoff", () -> "20ms");
    }

    @Autowired
    MongoClient mongoClient;

    record Item(String productId, String sku) {
    }

    static String userToken() {
        return TestInfrastructure.token("user-" + UUID.randomUUID(), "customer");
    }

    static WebTestClient client(String baseUrl, String token) {
        return WebTestClient.bindToServer().baseUrl(baseUrl).responseTimeout(Duration.ofSeconds(30))
                .defaultHeader("Authorization", "Bearer " + token).build();
    }

    /** An active product with one SKU of {@code stock} units at {@code priceMinor}. */
    Item product(int stock, long priceMinor) {
        return product(stock, priceMinor, "");
    }

    /** {@code extra}: more product fields, e.g. {@code ,"images":[...]}. */
    Item product(int stock, long priceMinor, String extra) {
        String sku = "O-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        Map<?, ?> p = client(catalog().url(), TestInfrastructure.adminToken()).post().uri("/api/products")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"Order Ring " + sku + "\",\"category\":\"rings\",\"status\":\"active\","
                        + "\"price\":{\"amountMinor\":" + priceMinor + ",\"currency\":\"USD\"},"
                        + "\"variants\":[{\"sku\":\"" + sku + "\",\"label\":\"one\",\"stock\":" + stock + "}]" + extra + "}")
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        return new Item((String) p.get("id"), sku);
    }

    /** Adds to the shopper's cart in cart-service; returns the cart. */
    Map<?, ?> add(String token, Item item, int qty) {
        return client(cart().url(), token).post().uri("/api/carts/me/items").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("productId", item.productId(), "sku", item.sku(), "quantity", qty))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }

    Map<?, ?> cartOf(String token) {
        return client(cart().url(), token).get().uri("/api/carts/me").exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
    }

    /** A sandbox payment-method token for a test card. */
    String card(String token, String number) {
        Map<?, ?> pm = as(token).post().uri("/api/payments/sandbox/payment-methods").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("number", number, "expMonth", 12, "expYear", 2030, "cvc", "123"))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        return (String) pm.get("id");
    }

    static final String OK_CARD = "4242 4242 4242 4242";
    static final String DECLINED_CARD = "4000 0000 0000 0002";

    static Map<String, Object> checkoutBody(String cartId, String pm) {
        return Map.of("cartId", cartId, "paymentMethod", pm, "shippingAddress", Map.of("name", "Mia Rivera",
                "line1", "12 Glow Street", "city", "Brooklyn", "region", "NY", "postalCode", "11201", "country", "US",
                "phone", "+1 555 0100"));
    }

    WebTestClient.ResponseSpec checkout(String token, String key, Object body) {
        return as(token).post().uri("/api/orders").header("Idempotency-Key", key).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange();
    }

    /** Fills a cart and checks out with {@code cardNumber}; returns the order number. */
    String placeOrder(String token, String cardNumber, Object... itemsAndQuantities) {
        Map<?, ?> cart = null;
        for (int i = 0; i < itemsAndQuantities.length; i += 2) {
            cart = add(token, (Item) itemsAndQuantities[i], (Integer) itemsAndQuantities[i + 1]);
        }
        Map<?, ?> accepted = checkout(token, UUID.randomUUID().toString(), checkoutBody((String) cart.get("id"), card(token, cardNumber)))
                .expectStatus().isAccepted().expectBody(Map.class).returnResult().getResponseBody();
        return (String) accepted.get("orderNumber");
    }

    Map<?, ?> order(String token, String number) {
        return as(token).get().uri("/api/orders/{n}", number).exchange().expectStatus().isOk().expectBody(Map.class)
                .returnResult().getResponseBody();
    }

    /** Waits until the order reaches {@code status}; returns it. */
    Map<?, ?> awaitStatus(String token, String number, String status) {
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(100))
                .until(() -> status.equals(order(token, number).get("status")));
        return order(token, number);
    }

    @SuppressWarnings("unchecked")
    static List<String> timeline(Map<?, ?> order) {
        return ((List<Map<String, Object>>) order.get("timeline")).stream().map(t -> (String) t.get("to")).toList();
    }

    /** The catalog's books for a SKU: {total, available, reserved, committed}, read from its own database. */
    long[] stock(String sku) {
        return com.glowglitch.platform.test.CatalogBooks.of(mongoClient, sku);
    }

    Document cartDocument(String cartId) {
        return Mono.from(mongoClient.getDatabase("glowglitch_cart-service").getCollection("carts")
                .find(new Document("_id", cartId)).first()).block(Duration.ofSeconds(10));
    }

    List<Document> orders(Document filter) {
        return Flux.from(mongoClient.getDatabase("glowglitch_order-service").getCollection("orders").find(filter))
                .collectList().block(Duration.ofSeconds(10));
    }

    List<Document> sandboxIntents(String orderId) {
        return Flux.from(mongoClient.getDatabase("glowglitch_order-service").getCollection("sandbox_payment_intents")
                .find(new Document("orderId", orderId))).collectList().block(Duration.ofSeconds(10));
    }
}
