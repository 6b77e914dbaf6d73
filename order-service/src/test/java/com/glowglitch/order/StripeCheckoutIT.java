package com.glowglitch.order;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

/**
 * The saga paying through the Stripe adapter, against a local WireMock server speaking Stripe's
 * documented HTTP shapes (PaymentIntents, Refunds, PaymentMethods, signed webhooks).
 */
@SpringBootTest(classes = OrderApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"glowglitch.payments.provider=stripe", "glowglitch.payments.stripe.secret-key=sk_test_local_only",
                "glowglitch.payments.stripe.webhook-secret=whsec_local_only"})
class StripeCheckoutIT extends OrderTestSupport {

    static final String WEBHOOK_SECRET = "whsec_local_only";
    static final WireMockServer STRIPE = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    static {
        STRIPE.start();
    }

    @DynamicPropertySource
    static void stripe(DynamicPropertyRegistry r) {
        r.add("glowglitch.payments.stripe.api-base", STRIPE::baseUrl);
    }

    @AfterAll
    static void stop() {
        STRIPE.resetAll();
    }

    static String json(Object o) {
        return com.glowglitch.order.CheckoutSagaIT.JSON.writeValueAsString(o);
    }

    void stubMethod(String pm, String brand, String last4) {
        STRIPE.stubFor(get(urlEqualTo("/v1/payment_methods/" + pm)).withHeader("Authorization", equalTo("Bearer sk_test_local_only"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody(json(Map.of("id", pm, "object", "payment_method", "card", Map.of("brand", brand, "last4", last4))))));
    }

    void stubIntent(String pm, Map<String, Object> answer, int status) {
        STRIPE.stubFor(post(urlEqualTo("/v1/payment_intents")).withRequestBody(containing("payment_method=" + pm))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(json(answer))));
    }

    String place(String me, Item item, String pm) {
        String cartId = (String) add(me, item, 1).get("id");
        return (String) checkout(me, UUID.randomUUID().toString(), checkoutBody(cartId, pm)).expectStatus().isAccepted()
                .expectBody(Map.class).returnResult().getResponseBody().get("orderNumber");
    }

    @Test
    void aTransientStripeErrorIsRetriedWithTheSameIdempotencyKeyAndTheOrderIsPaidOnce() {
        stubMethod("pm_card_visa_flaky", "visa", "4242");
        STRIPE.stubFor(post(urlEqualTo("/v1/payment_intents")).withRequestBody(containing("payment_method=pm_card_visa_flaky"))
                .inScenario("flaky").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("recovered")
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"type\":\"api_error\",\"message\":\"An unknown error occurred\"}}")));
        STRIPE.stubFor(post(urlEqualTo("/v1/payment_intents")).withRequestBody(containing("payment_method=pm_card_visa_flaky"))
                .inScenario("flaky").whenScenarioStateIs("recovered").willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody(json(Map.of("id", "pi_flaky_1", "object", "payment_intent", "status", "succeeded",
                                "amount_received", 6395, "latest_charge", "ch_flaky_1")))));
        Item ring = product(5, 5_000); // 5,000 + 8 % tax + 995 shipping = 6,395
        String me = userToken();
        String number = place(me, ring, "pm_card_visa_flaky");

        Map<?, ?> order = awaitStatus(me, number, "PAID");
        Map<?, ?> payment = (Map<?, ?>) order.get("payment");
        assertThat(payment.get("provider")).isEqualTo("stripe");
        assertThat(payment.get("attempts")).isEqualTo(2);
        assertThat(payment.get("last4")).isEqualTo("4242");
        String orderId = (String) order.get("id");
        var requests = STRIPE.findAll(postRequestedFor(urlEqualTo("/v1/payment_intents"))
                .withRequestBody(containing("payment_method=pm_card_visa_flaky")));
        assertThat(requests).hasSize(2);
        assertThat(requests).allSatisfy(r -> {
            assertThat(r.getHeader("Idempotency-Key")).isEqualTo("charge-" + orderId);
            assertThat(r.getBodyAsString()).contains("amount=6395", "currency=usd", "confirm=true", "metadata%5Border_id%5D=" + orderId);
        });
    }

    @Test
    void aDeclineFromStripeCancelsWithItsDeclineCode() {
        stubMethod("pm_card_chargeDeclined", "visa", "0002");
        stubIntent("pm_card_chargeDeclined", Map.of("error", Map.of("type", "card_error", "code", "card_declined",
                "decline_code", "generic_decline", "message", "Your card was declined.",
                "payment_intent", Map.of("id", "pi_declined_1", "status", "requires_payment_method"))), 402);
        Item ring = product(5, 5_000);
        String me = userToken();
        Map<?, ?> order = awaitStatus(me, place(me, ring, "pm_card_chargeDeclined"), "CANCELLED");
        assertThat(((Map<?, ?>) order.get("payment")).get("failureCode")).isEqualTo("generic_decline");
        assertThat(((Map<?, ?>) order.get("cancellation")).get("code")).isEqualTo("payment-declined");
    }

    @Test
    void webhooksAreAppliedOnlyWhenSignedFreshlyAndOnlyOnce() {
        stubMethod("pm_card_processing", "mastercard", "4444");
        stubIntent("pm_card_processing", Map.of("id", "pi_processing_1", "object", "payment_intent", "status", "processing",
                "amount_received", 0), 200);
        Item ring = product(5, 20_000);
        String me = userToken();
        String number = place(me, ring, "pm_card_processing");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> "PROCESSING".equals(((Map<?, ?>) order(me, number).get("payment")).get("status")));
        String orderId = (String) order(me, number).get("id");
        String event = json(Map.of("id", "evt_" + UUID.randomUUID().toString().replace("-", ""), "object", "event",
                "type", "payment_intent.succeeded", "data", Map.of("object", Map.of("id", "pi_processing_1", "object", "payment_intent",
                        "status", "succeeded", "amount_received", 21_600, "latest_charge", "ch_processing_1",
                        "metadata", Map.of("order_id", orderId)))));
        long now = Instant.now().getEpochSecond();

        webhook(event, "t=" + now + ",v1=" + sign(now, event, "whsec_someone_else")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("https://glowglitch.dev/problems/invalid-signature");
        webhook(event, "t=" + (now - 600) + ",v1=" + sign(now - 600, event, WEBHOOK_SECRET)).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("https://glowglitch.dev/problems/stale-webhook");
        webhook(event, null).expectStatus().isBadRequest();
        webhook(event.replace("21600", "1"), "t=" + now + ",v1=" + sign(now, event, WEBHOOK_SECRET)).expectStatus().isBadRequest();
        assertThat(order(me, number).get("status")).isEqualTo("STOCK_CONFIRMED");

        for (int i = 0; i < 2; i++) {
            webhook(event, "t=" + now + ",v0=abc,v1=" + sign(now, event, WEBHOOK_SECRET)).expectStatus().isOk();
        }
        Map<?, ?> paid = order(me, number);
        assertThat(paid.get("status")).isEqualTo("PAID");
        assertThat(timeline(paid)).containsExactly("PENDING", "STOCK_CONFIRMED", "PAID");
        assertThat(((Map<?, ?>) paid.get("payment")).get("capturedMinor")).isEqualTo(21_600);

        // and a refund goes to Stripe with its own idempotency key
        STRIPE.stubFor(post(urlEqualTo("/v1/refunds")).willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody(json(Map.of("id", "re_1", "object", "refund", "status", "succeeded", "amount", 21_600)))));
        Map<?, ?> refunded = asAdmin().post().uri("/api/orders/{n}/refund", number).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat(refunded.get("status")).isEqualTo("REFUNDED");
        var refundCalls = STRIPE.findAll(postRequestedFor(urlEqualTo("/v1/refunds")).withRequestBody(containing("payment_intent=pi_processing_1")));
        assertThat(refundCalls).hasSize(1);
        assertThat(refundCalls.get(0).getBodyAsString()).contains("amount=21600");
        assertThat(refundCalls.get(0).getHeader("Idempotency-Key")).matches("rf_[0-9a-f]{16}");
    }

    @Test
    void aSignedPaymentFailedWebhookCancelsAWaitingOrder() {
        stubMethod("pm_card_slow_fail", "visa", "1111");
        stubIntent("pm_card_slow_fail", Map.of("id", "pi_slow_fail", "object", "payment_intent", "status", "processing"), 200);
        Item ring = product(5, 9_000);
        String me = userToken();
        String number = place(me, ring, "pm_card_slow_fail");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> "PROCESSING".equals(((Map<?, ?>) order(me, number).get("payment")).get("status")));
        String event = json(Map.of("id", "evt_fail_1", "type", "payment_intent.payment_failed", "data", Map.of("object",
                Map.of("id", "pi_slow_fail", "status", "requires_payment_method",
                        "last_payment_error", Map.of("code", "card_declined", "decline_code", "insufficient_funds",
                                "message", "Your card has insufficient funds.")))));
        long now = Instant.now().getEpochSecond();
        webhook(event, "t=" + now + ",v1=" + sign(now, event, WEBHOOK_SECRET)).expectStatus().isOk();
        Map<?, ?> order = awaitStatus(me, number, "CANCELLED");
        assertThat(((Map<?, ?>) order.get("payment")).get("failureCode")).isEqualTo("insufficient_funds");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(stock(ring.sku())).containsExactly(5, 5, 0, 0));
    }

    org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec webhook(String body, String signature) {
        var req = http().post().uri("/api/payments/webhooks/stripe").contentType(MediaType.APPLICATION_JSON);
        if (signature != null) {
            req = req.header("Stripe-Signature", signature);
        }
        return req.bodyValue(body.getBytes(StandardCharsets.UTF_8)).exchange();
    }

    static String sign(long t, String payload, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((t + "." + payload).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

}
