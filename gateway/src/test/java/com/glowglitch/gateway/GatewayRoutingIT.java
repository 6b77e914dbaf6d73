package com.glowglitch.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.glowglitch.platform.test.ServiceTest;
import com.glowglitch.platform.test.TestInfrastructure;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The gateway in front of a stand-in upstream (a plain HTTP server on loopback playing
 * catalog-service and compliance-service), with cart-service pointed at a closed port and
 * review-service at an upstream that answers too slowly.
 */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayRoutingIT extends ServiceTest {

    static final Map<String, String> SEEN_REQUEST_IDS = new ConcurrentHashMap<>();
    static HttpServer upstream;
    static int closedPort;

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry r) throws IOException {
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        upstream.createContext("/api/products", ex -> {
            SEEN_REQUEST_IDS.put(ex.getRequestURI().getPath(), String.valueOf(ex.getRequestHeaders().getFirst("X-Request-Id")));
            reply(ex, 200, "{\"items\":[],\"nextCursor\":null}");
        });
        upstream.createContext("/api/reviews", ex -> {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            reply(ex, 200, "{}");
        });
        upstream.createContext("/admin/db/health", ex -> reply(ex, 200,
                "{\"service\":\"x\",\"status\":\"UP\",\"mongodb\":{\"status\":\"UP\"},\"kafka\":{\"status\":\"UP\"}}"));
        upstream.start();
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        String up = "http://127.0.0.1:" + upstream.getAddress().getPort();
        r.add("glowglitch.gateway.services.catalog-service.url", () -> up);
        r.add("glowglitch.gateway.services.compliance-service.url", () -> up);
        r.add("glowglitch.gateway.services.review-service.url", () -> up);
        r.add("glowglitch.gateway.services.review-service.timeout", () -> "1s");
        for (String down : new String[] {"identity-service", "cart-service", "order-service", "creator-service", "customization-service"}) {
            r.add("glowglitch.gateway.services." + down + ".url", () -> "http://127.0.0.1:" + closedPort);
        }
        r.add("glowglitch.gateway.allowed-origins", () -> "https://shop.glowglitch.test");
    }

    @AfterAll
    static void stop() {
        upstream.stop(0);
    }

    static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream o = ex.getResponseBody()) {
            o.write(b);
        }
    }

    @Test
    void routesToTheOwningServiceWithARequestId() {
        String id = http().get().uri("/api/products").exchange().expectStatus().isOk()
                .expectHeader().exists("X-Request-Id")
                .returnResult(String.class).getResponseHeaders().getFirst("X-Request-Id");
        assertThat(SEEN_REQUEST_IDS.get("/api/products")).isEqualTo(id);
        http().get().uri("/api/products").header("X-Request-Id", "storefront-1234")
                .exchange().expectHeader().valueEquals("X-Request-Id", "storefront-1234");
    }

    @Test
    void aStoppedServiceAnswers503NamingIt() {
        long start = System.nanoTime();
        http().get().uri("/api/carts/me").exchange().expectStatus().isEqualTo(503)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().exists("Retry-After")
                .expectBody().jsonPath("$.type").isEqualTo("https://glowglitch.dev/problems/service-unavailable")
                .jsonPath("$.service").isEqualTo("cart-service")
                .jsonPath("$.instance").isEqualTo("/api/carts/me");
        assertThat((System.nanoTime() - start) / 1_000_000).as("ms").isLessThan(5000);
        // ...while the others keep working
        http().get().uri("/api/products").exchange().expectStatus().isOk();
    }

    @Test
    void aSlowServiceIsCutOffAtItsRouteTimeout() {
        long start = System.nanoTime();
        http().get().uri("/api/reviews/x").exchange().expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("review-service did not answer in time"));
        assertThat((System.nanoTime() - start) / 1_000_000).as("ms").isLessThan(2900);
    }

    @Test
    void corsAllowsTheStorefrontOriginOnly() {
        http().options().uri("/api/products").header("Origin", "https://shop.glowglitch.test")
                .header("Access-Control-Request-Method", "POST").exchange().expectStatus().isOk()
                .expectHeader().valueEquals("Access-Control-Allow-Origin", "https://shop.glowglitch.test");
        http().options().uri("/api/products").header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST").exchange().expectStatus().isForbidden();
    }

    @Test
    void databaseHealthAggregatesAndShowsDownServicesInsteadOfFailing() {
        http().get().uri("/api/db/health").exchange().expectStatus().isUnauthorized();
        as(TestInfrastructure.customerToken()).get().uri("/api/db/health").exchange().expectStatus().isForbidden();
        asAdmin().get().uri("/api/db/health").exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("DOWN")
                .jsonPath("$.services['catalog-service'].status").isEqualTo("UP")
                .jsonPath("$.services['cart-service'].status").isEqualTo("DOWN")
                .jsonPath("$.services.length()").isEqualTo(8);
    }

    @Test
    void unknownPathsAreProblems() {
        http().get().uri("/nothing/here").exchange().expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
