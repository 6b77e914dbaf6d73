package com.glowglitch.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.glowglitch.localstack.LocalStack;
import com.glowglitch.localstack.ServiceSpec;

/**
 * The suite as a newcomer runs it (the launcher behind README command 1, with an in-memory
 * store), driven through the gateway like the storefront does.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SuiteIT {

    static final String ADMIN_EMAIL = "admin@glowglitch.local";
    static final String ADMIN_PASSWORD = "LocalDev-Admin-Pass-1!";
    static LocalStack stack;
    static List<LocalStack.Running> started;
    static String admin;

    @BeforeAll
    static void startSuite() {
        Path root = Path.of("").toAbsolutePath().getParent();
        LocalStack.Options d = LocalStack.Options.defaults(root);
        stack = new LocalStack(new LocalStack.Options(root, root.resolve("e2e/target/data"), true, true, Set.of(),
                d.kafkaPort(), d.mongoPort(), Duration.ofSeconds(300), d.javaOpts(), false),
                new PrintStream(new ByteArrayOutputStream()));
        started = stack.start();
        admin = stack.adminToken(ADMIN_EMAIL, ADMIN_PASSWORD);
    }

    @AfterAll
    static void stopSuite() {
        if (stack != null) {
            Map<String, Long> pids = stack.pids();
            stack.close();
            // nothing we started may outlive the suite
            pids.values().forEach(pid -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                    .as("pid " + pid + " still alive").isFalse());
        }
    }

    @Test
    @Order(1)
    void everyProcessIsHealthyAndTheDatabaseHealthReportsEveryServiceUp() {
        assertThat(started).hasSize(ServiceSpec.ALL.size()).allSatisfy(r -> assertThat(r.status()).isEqualTo("UP"));
        HttpResponse<String> r = stack.send("GET", "/api/db/health", admin, null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).startsWith("{\"status\":\"UP\"");
        for (ServiceSpec s : ServiceSpec.ALL) {
            if (!s.name().equals("gateway")) {
                assertThat(r.body()).contains("\"" + s.name() + "\":{\"status\":\"UP\"");
            }
        }
        assertThat(stack.send("GET", "/api/db/health", null, null).statusCode()).isEqualTo(401);
    }

    @Test
    @Order(2)
    void theTourCreateAProductThenSeeItsAuditEntry() {
        HttpResponse<String> created = stack.send("POST", "/api/products", admin,
                "{\"name\":\"E2E Moonstone Ring\",\"category\":\"rings\",\"price\":{\"amountMinor\":15900,\"currency\":\"USD\"},\"status\":\"active\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = field(created.body(), "id");
        assertThat(stack.send("GET", "/api/products/e2e-moonstone-ring", null, null).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                stack.send("GET", "/api/audit?resource=product:" + id, admin, null).body().contains("\"action\":\"ProductCreated\""));
    }

    /**
     * A visitor fills a cart as a guest, signs in, and the cart follows (with its stock hold); a
     * shared wishlist opens without signing in. All through the gateway, against the seeded catalog.
     */
    @Test
    @Order(3)
    void aGuestCartFollowsTheShopperAtSignInAndASharedWishlistOpensForAnyone() {
        HttpResponse<String> guest = stack.send("POST", "/api/auth/guest", null, null);
        assertThat(guest.statusCode()).as(guest.body()).isEqualTo(200);
        String guestToken = field(guest.body(), "accessToken");
        HttpResponse<String> product = stack.send("POST", "/api/products", admin,
                "{\"name\":\"E2E Halo Studs\",\"category\":\"earrings\",\"status\":\"active\","
                        + "\"price\":{\"amountMinor\":7900,\"currency\":\"USD\"},"
                        + "\"variants\":[{\"sku\":\"E2E-HALO-1\",\"label\":\"pair\",\"stock\":5}]}");
        assertThat(product.statusCode()).as(product.body()).isEqualTo(201);
        String productId = field(product.body(), "id");
        String sku = "E2E-HALO-1";

        HttpResponse<String> added = stack.send("POST", "/api/carts/me/items", guestToken,
                "{\"productId\":\"" + productId + "\",\"sku\":\"" + sku + "\",\"quantity\":1}");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
        assertThat(added.body()).contains("\"state\":\"reserved\"").contains("\"itemCount\":1");
        // the guest designs the piece (customization-service, through the gateway) and adds the design as its own line
        HttpResponse<String> design = stack.send("POST", "/api/customizations", guestToken,
                "{\"productId\":\"" + productId + "\",\"design\":{\"stoneColor\":\"#FFD1DC\"}}");
        assertThat(design.statusCode()).as(design.body()).isEqualTo(201);
        String designId = field(design.body(), "id");
        HttpResponse<String> customized = stack.send("POST", "/api/carts/me/items", guestToken, "{\"productId\":\"" + productId
                + "\",\"sku\":\"" + sku + "\",\"quantity\":1,\"customization\":{\"id\":\"" + designId + "\",\"version\":1}}");
        assertThat(customized.statusCode()).as(customized.body()).isEqualTo(200);
        assertThat(customized.body()).contains("\"itemCount\":2").contains(designId);

        HttpResponse<String> merged = stack.send("POST", "/api/carts/me/merge", admin, "{\"guestToken\":\"" + guestToken + "\"}");
        assertThat(merged.statusCode()).as(merged.body()).isEqualTo(200);
        assertThat(merged.body()).contains("\"sku\":\"" + sku + "\"").contains("\"state\":\"reserved\"").contains(designId);
        HttpResponse<String> claimed = stack.send("POST", "/api/customizations/claim", admin, "{\"guestToken\":\"" + guestToken + "\"}");
        assertThat(claimed.body()).as(claimed.body()).contains("\"claimed\":1");
        assertThat(stack.send("GET", "/api/carts/me", guestToken, null).body()).contains("\"lines\":[]");

        HttpResponse<String> list = stack.send("POST", "/api/wishlists", admin, "{\"name\":\"Gift ideas\",\"privacy\":\"unlisted\"}");
        assertThat(list.statusCode()).as(list.body()).isEqualTo(201);
        String listId = field(list.body(), "id");
        assertThat(stack.send("POST", "/api/wishlists/" + listId + "/items", admin,
                "{\"productId\":\"" + productId + "\",\"note\":\"for Mia\"}").statusCode()).isEqualTo(200);
        HttpResponse<String> shared = stack.send("GET", field(list.body(), "sharePath"), null, null);
        assertThat(shared.statusCode()).isEqualTo(200);
        assertThat(shared.body()).contains("\"note\":\"for Mia\"").doesNotContain("owner");
        assertThat(stack.send("GET", "/api/wishlists/" + listId, null, null).statusCode()).isEqualTo(401);
    }

    /**
     * The newcomer's checkout: register, fill a cart with two pieces, pay with the sandbox's test
     * card, and watch the order go PENDING → STOCK_CONFIRMED → PAID; the stock is down by exactly
     * what was bought, the cart is converted and the audit trail has the payment.
     */
    @Test
    @Order(4)
    void aShopperRegistersChecksOutWithATestCardAndTheOrderIsPaid() {
        String email = "shopper-" + System.nanoTime() + "@glowglitch.local";
        HttpResponse<String> registered = stack.send("POST", "/api/auth/register", null, "{\"email\":\"" + email + "\","
                + "\"password\":\"Glow-Glitch-Shopper-42!\",\"displayName\":\"Mia\",\"acceptTerms\":true,\"termsVersion\":\"2026-11\"}");
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        HttpResponse<String> login = stack.send("POST", "/api/auth/login", null,
                "{\"email\":\"" + email + "\",\"password\":\"Glow-Glitch-Shopper-42!\"}");
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        String me = field(login.body(), "accessToken");
        String[] ids = new String[2];
        String[] skus = {"E2E-CHK-RING", "E2E-CHK-CHAIN"};
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> p = stack.send("POST", "/api/products", admin, "{\"name\":\"E2E Checkout " + skus[i] + "\","
                    + "\"category\":\"" + (i == 0 ? "rings" : "necklaces") + "\",\"status\":\"active\","
                    + "\"price\":{\"amountMinor\":" + (i == 0 ? 12_000 : 8_000) + ",\"currency\":\"USD\"},"
                    + "\"variants\":[{\"sku\":\"" + skus[i] + "\",\"label\":\"one\",\"stock\":5}]}");
            assertThat(p.statusCode()).as(p.body()).isEqualTo(201);
            ids[i] = field(p.body(), "id");
        }
        stack.send("POST", "/api/carts/me/items", me, "{\"productId\":\"" + ids[0] + "\",\"sku\":\"" + skus[0] + "\",\"quantity\":2}");
        HttpResponse<String> cart = stack.send("POST", "/api/carts/me/items", me,
                "{\"productId\":\"" + ids[1] + "\",\"sku\":\"" + skus[1] + "\",\"quantity\":1}");
        assertThat(cart.statusCode()).as(cart.body()).isEqualTo(200);
        HttpResponse<String> card = stack.send("POST", "/api/payments/sandbox/payment-methods", me,
                "{\"number\":\"4242 4242 4242 4242\",\"expMonth\":12,\"expYear\":2030,\"cvc\":\"123\"}");
        assertThat(card.statusCode()).as(card.body()).isEqualTo(201);

        String body = "{\"cartId\":\"" + field(cart.body(), "id") + "\",\"paymentMethod\":\"" + field(card.body(), "id") + "\","
                + "\"shippingAddress\":{\"name\":\"Mia Rivera\",\"line1\":\"12 Glow Street\",\"city\":\"Brooklyn\","
                + "\"postalCode\":\"11201\",\"country\":\"US\"}}";
        HttpResponse<String> placed = stack.send("POST", "/api/orders", me, body, Map.of("Idempotency-Key", "e2e-" + System.nanoTime()));
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(202);
        String number = field(placed.body(), "orderNumber");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> stack.send("GET", "/api/orders/" + number, me, null).body().contains("\"status\":\"PAID\""));
        String order = stack.send("GET", "/api/orders/" + number, me, null).body();
        assertThat(order).contains("\"to\":\"STOCK_CONFIRMED\"").contains("\"last4\":\"4242\"");
        assertThat(stack.send("GET", "/api/products/" + ids[0] + "/price?sku=" + skus[0], null, null).body()).contains("\"available\":3");
        assertThat(stack.send("GET", "/api/products/" + ids[1] + "/price?sku=" + skus[1], null, null).body()).contains("\"available\":4");
        await().atMost(Duration.ofSeconds(30)).until(() -> stack.send("GET", "/api/carts/me", me, null).body().contains("\"lines\":[]"));
        String orderId = field(order, "id");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() ->
                stack.send("GET", "/api/audit?resource=order:" + orderId, admin, null).body().contains("\"action\":\"OrderPaid\""));
        assertThat(stack.send("GET", "/api/orders/" + number, admin, null).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(5)
    void hostileRequestsThroughTheGatewayAreProblemsAndWriteNothing() {
        String before = stack.send("GET", "/api/products?limit=100", null, null).body();
        assertThat(stack.send("POST", "/api/products", admin, "{\"name\": ").statusCode()).isEqualTo(400);
        assertThat(stack.send("POST", "/api/products", admin, "{\"name\": {\"$ne\": null}}").statusCode()).isEqualTo(400);
        assertThat(stack.send("POST", "/api/products", admin, "{\"name\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}").statusCode())
                .isEqualTo(413);
        HttpResponse<String> noToken = stack.send("POST", "/api/products", null,
                "{\"name\":\"Sneaky\",\"category\":\"rings\",\"price\":{\"amountMinor\":1,\"currency\":\"USD\"}}");
        assertThat(noToken.statusCode()).isEqualTo(401);
        assertThat(noToken.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("problem+json"));
        assertThat(stack.send("GET", "/api/products?limit=100", null, null).body()).isEqualTo(before);
    }

    @Test
    @Order(6)
    void seedingTwiceLeavesTheSameDocumentCounts() {
        assertThat(stack.send("POST", "/api/db/seed", admin, null).statusCode()).isEqualTo(200);
        // the first seed's events are still being audited: wait until the counts settle
        String[] last = {""};
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            String now = collections(stack.send("GET", "/api/db/metrics", admin, null).body());
            boolean settled = now.equals(last[0]);
            last[0] = now;
            return settled;
        });
        String counts = last[0];
        HttpResponse<String> again = stack.send("POST", "/api/db/seed", admin, null);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).doesNotContainPattern("\"created\":[1-9]").doesNotContain("\"status\":\"DOWN\"");
        // had the second seed created anything, its audit entries would land within this wait
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> true);
        assertThat(collections(stack.send("GET", "/api/db/metrics", admin, null).body())).isEqualTo(counts);
    }

    @Test
    @Order(7)
    void aStoppedServiceAnswers503WithinItsTimeoutWhileTheOthersKeepWorking() {
        stack.stopService("review-service");
        long start = System.nanoTime();
        HttpResponse<String> r = stack.send("GET", "/api/reviews?productId=x", null, null);
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).contains("\"service\":\"review-service\"");
        assertThat(ms).as("answered within the route timeout (5 s)").isLessThan(5000);
        assertThat(stack.send("GET", "/api/products?limit=1", null, null).statusCode()).isEqualTo(200);
        HttpResponse<String> health = stack.send("GET", "/api/db/health", admin, null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"review-service\":{\"status\":\"DOWN\"").contains("\"catalog-service\":{\"status\":\"UP\"");
    }

    /** The per-collection document counts of every service in a /api/db/metrics answer. */
    private static String collections(String metrics) {
        StringBuilder out = new StringBuilder();
        Matcher m = Pattern.compile("\"collections\":\\{[^}]*\\}").matcher(metrics);
        while (m.find()) {
            out.append(m.group()).append('\n');
        }
        assertThat(out).isNotEmpty();
        return out.toString();
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        assertThat(m.find()).as(name + " in " + json).isTrue();
        return m.group(1);
    }
}
