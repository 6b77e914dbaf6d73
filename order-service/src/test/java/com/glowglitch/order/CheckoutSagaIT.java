package com.glowglitch.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;

import com.glowglitch.contracts.EventContracts;
import com.glowglitch.platform.test.TestInfrastructure;
import com.glowglitch.platform.test.TopicReader;

import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(classes = OrderApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class CheckoutSagaIT extends OrderTestSupport {

    static final EventContracts CONTRACTS = new EventContracts();
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aPaidOrderTakesExactlyItsStockConvertsTheCartAndShowsEveryStep() throws Exception {
        Item ring = product(10, 12_000, ",\"merchandising\":{\"images\":[{\"url\":\"https://cdn.glowglitch.dev/r/side.jpg\",\"alt\":\"side\",\"order\":2},"
                + "{\"url\":\"https://cdn.glowglitch.dev/r/front.jpg\",\"alt\":\"front\",\"order\":1}]}");
        Item band = product(5, 4_000);
        String me = userToken();
        add(me, ring, 2);
        Map<?, ?> cart = add(me, band, 1);
        String cartId = (String) cart.get("id");
        String pm = card(me, OK_CARD);

        Map<?, ?> accepted = checkout(me, UUID.randomUUID().toString(), checkoutBody(cartId, pm))
                .expectStatus().isAccepted().expectHeader().exists("Location")
                .expectBody(Map.class).returnResult().getResponseBody();
        String number = (String) accepted.get("orderNumber");
        assertThat(number).matches("GG-[0-9]{6,}");
        assertThat(accepted.get("statusUrl")).isEqualTo("/api/orders/" + number);

        Map<?, ?> order = awaitStatus(me, number, "PAID");
        assertThat(timeline(order)).containsExactly("PENDING", "STOCK_CONFIRMED", "PAID");
        long subtotal = 2 * 12_000 + 4_000;
        long tax = (subtotal * 800 + 5_000) / 10_000;
        Map<?, ?> totals = (Map<?, ?>) order.get("totals");
        assertThat(((Number) totals.get("totalMinor")).longValue()).isEqualTo(subtotal + tax);
        Map<?, ?> payment = (Map<?, ?>) order.get("payment");
        assertThat(payment.get("status")).isEqualTo("CAPTURED");
        assertThat(payment.get("brand")).isEqualTo("visa");
        assertThat(payment.get("last4")).isEqualTo("4242");
        assertThat(((Number) payment.get("capturedMinor")).longValue()).isEqualTo(subtotal + tax);
        assertThat(payment.containsKey("methodToken")).isFalse();
        assertThat(((Map<?, ?>) order.get("shippingAddress")).get("line1")).isEqualTo("12 Glow Street");
        // each line is a snapshot of what was bought, with the product's first image as its thumbnail
        assertThat(((List<?>) order.get("lines")).stream().map(l -> (Object) ((Map<?, ?>) l).get("image")).toList())
                .containsExactlyInAnyOrder("https://cdn.glowglitch.dev/r/front.jpg", null);

        // stock went down by exactly the quantities: committed, nothing left held
        assertThat(stock(ring.sku())).containsExactly(10, 8, 0, 2);
        assertThat(stock(band.sku())).containsExactly(5, 4, 0, 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> "CONVERTED".equals(cartDocument(cartId).getString("status")));

        // the address and the card never lie in the database as plain text
        Document stored = orders(new Document("orderNumber", number)).get(0);
        assertThat(stored.getString("shippingAddress")).startsWith("v1:").doesNotContain("Glow Street");
        assertThat(stored.toJson()).doesNotContain("4242424242424242").doesNotContain("4242 4242");

        // what the saga published is the published contract
        try (TopicReader reader = new TopicReader("order.events")) {
            List<ConsumerRecord<byte[], byte[]>> mine = reader.awaitMatching(r -> number.equals(field(r, "orderNumber")), 3,
                    Duration.ofSeconds(20), Duration.ZERO);
            assertThat(mine.stream().map(r -> TopicReader.header(r, "ce_type")).toList())
                    .containsExactly("OrderPlaced", "OrderStockConfirmed", "OrderPaid");
            for (ConsumerRecord<byte[], byte[]> r : mine) {
                assertThat(CONTRACTS.validate(TopicReader.header(r, "ce_type"), JSON.readTree(TopicReader.value(r)))).isEmpty();
            }
        }
    }

    @Test
    void aDeclinedCardCancelsTheOrderReleasesTheStockAndTheCartCanBeRestored() {
        Item ring = product(6, 9_000);
        String me = userToken();
        Map<?, ?> cart = add(me, ring, 2);
        assertThat(stock(ring.sku())).containsExactly(6, 4, 2, 0);
        String number = (String) checkout(me, UUID.randomUUID().toString(),
                checkoutBody((String) cart.get("id"), card(me, DECLINED_CARD)))
                .expectStatus().isAccepted().expectBody(Map.class).returnResult().getResponseBody().get("orderNumber");

        Map<?, ?> order = awaitStatus(me, number, "CANCELLED");
        assertThat(timeline(order)).containsExactly("PENDING", "STOCK_CONFIRMED", "CANCELLED");
        Map<?, ?> why = (Map<?, ?>) order.get("cancellation");
        assertThat(why.get("code")).isEqualTo("payment-declined");
        assertThat((String) why.get("detail")).contains("card_declined");
        assertThat(((Map<?, ?>) order.get("payment")).get("status")).isEqualTo("DECLINED");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(stock(ring.sku())).containsExactly(6, 6, 0, 0));

        await().atMost(Duration.ofSeconds(20)).until(() -> Boolean.TRUE.equals(cartDocument((String) cart.get("id")).getBoolean("restorable")));
        Map<?, ?> restored = client(cart().url(), me).post().uri("/api/carts/me/restore").exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat((List<?>) restored.get("lines")).hasSize(1);
    }

    @Test
    void insufficientFundsAndPersistentProcessingErrorsEndCancelledWithTheirReasonAfterRetries() {
        Item ring = product(6, 5_000);
        String poor = userToken();
        String poorOrder = placeOrder(poor, "4000 0000 0000 9995", ring, 1);
        String flaky = userToken();
        String flakyOrder = placeOrder(flaky, "4000 0000 0000 0119", ring, 1);

        Map<?, ?> declined = awaitStatus(poor, poorOrder, "CANCELLED");
        assertThat(((Map<?, ?>) declined.get("payment")).get("failureCode")).isEqualTo("insufficient_funds");

        // processing errors are transient: 3 tries a round, 3 rounds (the watchdog starts rounds 2 and 3), then cancelled
        Map<?, ?> failed = awaitStatus(flaky, flakyOrder, "CANCELLED");
        Map<?, ?> payment = (Map<?, ?>) failed.get("payment");
        assertThat(payment.get("failureCode")).isEqualTo("processing_error");
        assertThat(payment.get("attempts")).isEqualTo(9);
        assertThat(((Map<?, ?>) failed.get("cancellation")).get("code")).isEqualTo("payment-failed");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(stock(ring.sku())).containsExactly(6, 6, 0, 0));
    }

    @Test
    void stockGoneBetweenCartAndCheckoutCancelsTheOrderNamingTheLines() {
        Item ring = product(1, 20_000);
        Item band = product(3, 3_000);
        String me = userToken();
        add(me, band, 1);
        Map<?, ?> cart = add(me, ring, 1);
        // the shopper's hold on the ring lapses and someone else takes the last one
        String hold = (String) CartLines.of(cart, ring.sku()).get("reservationId");
        client(catalog().url(), me).delete().uri("/api/inventory/reservations/{id}", hold).exchange().expectStatus().is2xxSuccessful();
        add(userToken(), ring, 1);

        String number = (String) checkout(me, UUID.randomUUID().toString(), checkoutBody((String) cart.get("id"), card(me, OK_CARD)))
                .expectStatus().isAccepted().expectBody(Map.class).returnResult().getResponseBody().get("orderNumber");
        Map<?, ?> order = awaitStatus(me, number, "CANCELLED");
        Map<?, ?> why = (Map<?, ?>) order.get("cancellation");
        assertThat(why.get("code")).isEqualTo("out-of-stock");
        assertThat(why.get("skus")).isEqualTo(List.of(ring.sku()));
        assertThat((String) why.get("detail")).contains(ring.sku());
        assertThat(timeline(order)).containsExactly("PENDING", "CANCELLED");
        assertThat(((Map<?, ?>) order.get("payment")).get("status")).isEqualTo("PENDING"); // never charged
        // the band's committed unit went back: held by nobody, available again
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(stock(band.sku())).containsExactly(3, 3, 0, 0));
    }

    @Test
    void twoShoppersRacingForTheLastUnitMakeExactlyOnePaidOrder() {
        Item ring = product(1, 30_000);
        String a = userToken();
        String b = userToken();
        Map<?, ?> cartA = add(a, ring, 1);
        client(catalog().url(), a).delete().uri("/api/inventory/reservations/{id}",
                CartLines.of(cartA, ring.sku()).get("reservationId")).exchange().expectStatus().is2xxSuccessful();
        Map<?, ?> cartB = add(b, ring, 1);
        client(catalog().url(), b).delete().uri("/api/inventory/reservations/{id}",
                CartLines.of(cartB, ring.sku()).get("reservationId")).exchange().expectStatus().is2xxSuccessful();
        String pmA = card(a, OK_CARD);
        String pmB = card(b, OK_CARD);

        CompletableFuture<Map<?, ?>> fa = CompletableFuture.supplyAsync(() -> checkout(a, UUID.randomUUID().toString(),
                checkoutBody((String) cartA.get("id"), pmA)).expectStatus().isAccepted().expectBody(Map.class).returnResult().getResponseBody());
        CompletableFuture<Map<?, ?>> fb = CompletableFuture.supplyAsync(() -> checkout(b, UUID.randomUUID().toString(),
                checkoutBody((String) cartB.get("id"), pmB)).expectStatus().isAccepted().expectBody(Map.class).returnResult().getResponseBody());
        String na = (String) fa.join().get("orderNumber");
        String nb = (String) fb.join().get("orderNumber");

        await().atMost(Duration.ofSeconds(40)).until(() -> final_(order(a, na)) && final_(order(b, nb)));
        List<String> outcomes = List.of((String) order(a, na).get("status"), (String) order(b, nb).get("status"));
        assertThat(outcomes).containsExactlyInAnyOrder("PAID", "CANCELLED");
        Map<?, ?> loser = "CANCELLED".equals(outcomes.get(0)) ? order(a, na) : order(b, nb);
        assertThat(((Map<?, ?>) loser.get("cancellation")).get("code")).isEqualTo("out-of-stock");
        assertThat(stock(ring.sku())).containsExactly(1, 0, 0, 1);
    }

    private static boolean final_(Map<?, ?> o) {
        return "PAID".equals(o.get("status")) || "CANCELLED".equals(o.get("status"));
    }

    @Test
    void theSameIdempotencyKeyPlacesOneOrderWhetherSentInTurnOrAtOnce() {
        Item ring = product(10, 7_000);
        String me = userToken();
        String cartId = (String) add(me, ring, 1).get("id");
        String pm = card(me, OK_CARD);
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = checkoutBody(cartId, pm);

        List<Map<?, ?>> inTurn = IntStream.range(0, 3).<Map<?, ?>>mapToObj(i -> checkout(me, key, body).expectStatus().isAccepted()
                .expectBody(Map.class).returnResult().getResponseBody()).toList();
        assertThat(inTurn.stream().map(m -> m.get("orderNumber")).distinct().toList()).hasSize(1);
        assertThat(inTurn.stream().map(m -> m.get("orderId")).distinct().toList()).hasSize(1);

        // the same key with another body is a mistake, not a retry
        Map<String, Object> other = new java.util.HashMap<>(body);
        other.put("referralCode", "MIAGLOWS");
        checkout(me, key, other).expectStatus().isEqualTo(422).expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://glowglitch.dev/problems/idempotency-key-reused");

        // at once: a fresh cart, three concurrent requests under one new key
        String you = userToken();
        String yourCart = (String) add(you, ring, 2).get("id");
        String yourPm = card(you, OK_CARD);
        String yourKey = UUID.randomUUID().toString();
        Map<?, ?>[] answers = new Map<?, ?>[3];
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        CompletableFuture.allOf(IntStream.range(0, 3).mapToObj(i -> CompletableFuture.runAsync(() -> {
            var r = checkout(you, yourKey, checkoutBody(yourCart, yourPm)).expectBody(Map.class).returnResult();
            statuses.put(i, r.getStatus().value());
            answers[i] = r.getResponseBody();
        })).toArray(CompletableFuture[]::new)).join();
        assertThat(statuses.values()).containsOnly(202);
        assertThat(java.util.Arrays.stream(answers).map(m -> m.get("orderNumber")).distinct().toList()).hasSize(1);
        assertThat(orders(new Document("cartId", yourCart))).hasSize(1);
        awaitStatus(you, (String) answers[0].get("orderNumber"), "PAID");
        assertThat(stock(ring.sku())).containsExactly(10, 7, 0, 3);
    }

    @Test
    void badCheckoutsGetClearProblemsAndPlaceNothing() {
        Item ring = product(5, 7_000);
        String me = userToken();
        String cartId = (String) add(me, ring, 1).get("id");
        String pm = card(me, OK_CARD);

        as(me).post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON).bodyValue(checkoutBody(cartId, pm))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("https://glowglitch.dev/problems/idempotency-key-required");
        checkout(me, UUID.randomUUID().toString(), checkoutBody(cartId, "pm_doesnotexist"))
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.type").isEqualTo("https://glowglitch.dev/problems/unknown-payment-method");
        checkout(me, UUID.randomUUID().toString(), checkoutBody("somebody-elses-cart", pm))
                .expectStatus().isNotFound().expectBody().jsonPath("$.type").isEqualTo("https://glowglitch.dev/problems/cart-not-found");
        checkout(me, UUID.randomUUID().toString(), Map.of("cartId", cartId, "paymentMethod", pm,
                "shippingAddress", Map.of("name", "x", "line1", "y", "city", "z", "postalCode", "1", "country", "usa")))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("shippingAddress.country");
        checkout(me, UUID.randomUUID().toString(), Map.of("cartId", Map.of("$ne", ""), "paymentMethod", pm))
                .expectStatus().isBadRequest();
        checkout(userToken(), UUID.randomUUID().toString(), checkoutBody(cartId, pm)).expectStatus().isNotFound();
        assertThat(orders(new Document("cartId", cartId))).isEmpty();

        // a card number is never echoed back in an error
        as(me).post().uri("/api/payments/sandbox/payment-methods").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("number", "4242 4242 4242 4241", "expMonth", 12, "expYear", 2030, "cvc", "123"))
                .exchange().expectStatus().isEqualTo(422).expectBody(String.class)
                .value(b -> assertThat(b).contains("invalid-card").doesNotContain("4241"));
        as(me).post().uri("/api/payments/sandbox/payment-methods").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("number", "4242 4242 4242 4242", "expMonth", 1, "expYear", 2020, "cvc", "123"))
                .exchange().expectStatus().isEqualTo(422).expectBody().jsonPath("$.field").isEqualTo("expYear");
    }

    @Test
    void aGuestChecksOutWithAnEmailKeptEncryptedAndCardNumbersNeverReachTheLogs(CapturedOutput output) {
        Item ring = product(5, 6_000);
        String guest = TestInfrastructure.token("guest-" + UUID.randomUUID(), "guest");
        String cartId = (String) add(guest, ring, 1).get("id");
        String pm = card(guest, OK_CARD);
        checkout(guest, UUID.randomUUID().toString(), checkoutBody(cartId, pm)).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("email");
        Map<String, Object> body = new java.util.HashMap<>(checkoutBody(cartId, pm));
        body.put("email", "mia@example.com");
        String number = (String) checkout(guest, UUID.randomUUID().toString(), body).expectStatus().isAccepted()
                .expectBody(Map.class).returnResult().getResponseBody().get("orderNumber");
        Map<?, ?> order = awaitStatus(guest, number, "PAID");
        assertThat(order.get("email")).isEqualTo("mia@example.com");
        assertThat(order.get("guest")).isEqualTo(true);
        assertThat(order.get("userId")).isNull();
        Document stored = orders(new Document("orderNumber", number)).get(0);
        assertThat(stored.getString("guestEmail")).startsWith("v1:").doesNotContain("mia@");
        // a card typed wrong and a card typed right: neither number is in anything this service logged
        as(guest).post().uri("/api/payments/sandbox/payment-methods").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("number", "4000 0566 5566 5556", "expMonth", 12, "expYear", 2030, "cvc", "123"))
                .exchange().expectStatus().isEqualTo(422);
        assertThat(output.getAll()).doesNotContain("4242424242424242", "4242 4242 4242 4242", "4000056655665556",
                "4000 0566 5566 5556");
    }

    @Test
    void anotherShoppersOrderIsNotFoundButAnAdminSeesIt() {
        Item ring = product(5, 7_000);
        String me = userToken();
        String number = placeOrder(me, OK_CARD, ring, 1);
        as(userToken()).get().uri("/api/orders/{n}", number).exchange().expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        as(userToken()).post().uri("/api/orders/{n}/cancel", number).exchange().expectStatus().isNotFound();
        asAdmin().get().uri("/api/orders/{n}", number).exchange().expectStatus().isOk();
        as(me).get().uri("/api/orders").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.items.length()").isEqualTo(1).jsonPath("$.items[0].orderNumber").isEqualTo(number);
        as(me).get().uri("/api/orders/admin").exchange().expectStatus().isForbidden();
        asAdmin().get().uri("/api/orders/admin?sku={s}&number=GG-", ring.sku()).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.items.length()").isEqualTo(1).jsonPath("$.items[0].orderNumber").isEqualTo(number);
        asAdmin().get().uri("/api/orders/admin?status=bogus").exchange().expectStatus().isBadRequest();
        asAdmin().get().uri("/api/orders/admin?number={n}", "GG-1.*").exchange().expectStatus().isBadRequest();
    }

    static String field(ConsumerRecord<byte[], byte[]> r, String name) {
        var node = JSON.readTree(TopicReader.value(r)).get(name);
        return node == null ? null : node.asString();
    }

    /** Reading a cart answer's lines. */
    static final class CartLines {
        @SuppressWarnings("unchecked")
        static Map<String, Object> of(Map<?, ?> cart, String sku) {
            return ((List<Map<String, Object>>) cart.get("lines")).stream().filter(l -> sku.equals(l.get("sku"))).findFirst().orElseThrow();
        }
    }
}
