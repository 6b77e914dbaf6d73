package com.glowglitch.order.payment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.glowglitch.order.config.PaymentProperties;
import com.glowglitch.platform.web.ApiException;

import tools.jackson.databind.json.JsonMapper;

/** The PayPal adapter against WireMock stubs of PayPal's documented Orders v2, Payments v2, OAuth2 and webhook-verification calls. */
class PayPalPaymentsTest {

    static final WireMockServer PAYPAL = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    static final JsonMapper JSON = JsonMapper.builder().build();

    static {
        PAYPAL.start();
    }

    @AfterAll
    static void stop() {
        PAYPAL.stop();
    }

    PayPalPayments paypal;

    @BeforeEach
    void fresh() {
        PAYPAL.resetAll();
        PAYPAL.stubFor(post(urlEqualTo("/v1/oauth2/token")).withBasicAuth("client-local", "secret-local")
                .withRequestBody(equalTo("grant_type=client_credentials"))
                .willReturn(json(200, Map.of("access_token", "A21-local", "token_type", "Bearer", "expires_in", 32400))));
        PaymentProperties props = new PaymentProperties("paypal", new PaymentProperties.Sandbox(false),
                new PaymentProperties.Stripe("http://unused", null, null, Duration.ofMinutes(5), Duration.ofSeconds(5)),
                new PaymentProperties.PayPal(PAYPAL.baseUrl(), "client-local", "secret-local", "WH-local", Duration.ofSeconds(5)));
        paypal = new PayPalPayments(WebClient.builder(), JSON, Clock.systemUTC(), props);
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, Object body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(JSON.writeValueAsString(body));
    }

    static Map<String, Object> captured(String order, String capture, String value) {
        return Map.of("id", order, "status", "COMPLETED", "purchase_units", java.util.List.of(Map.of("payments",
                Map.of("captures", java.util.List.of(Map.of("id", capture, "status", "COMPLETED",
                        "amount", Map.of("currency_code", "USD", "value", value)))))));
    }

    @Test
    void aChargeCreatesAnOrderAndCapturesItWithIdempotentRequestIdsAndOneToken() {
        PAYPAL.stubFor(post(urlEqualTo("/v2/checkout/orders")).withHeader("Authorization", equalTo("Bearer A21-local"))
                .withHeader("PayPal-Request-Id", equalTo("charge-o1"))
                .withRequestBody(matchingJsonPath("$.intent", equalTo("CAPTURE")))
                .withRequestBody(matchingJsonPath("$.purchase_units[0].amount.value", equalTo("123.45")))
                .withRequestBody(matchingJsonPath("$.purchase_units[0].custom_id", equalTo("o1")))
                .withRequestBody(matchingJsonPath("$.payment_source.card.vault_id", equalTo("vt_1")))
                .willReturn(json(201, Map.of("id", "5O190127TN364715T", "status", "APPROVED"))));
        PAYPAL.stubFor(post(urlEqualTo("/v2/checkout/orders/5O190127TN364715T/capture"))
                .withHeader("PayPal-Request-Id", equalTo("charge-o1-capture"))
                .willReturn(json(201, captured("5O190127TN364715T", "3C679366HH908993F", "123.45"))));

        PaymentProvider.ChargeResult r = paypal.charge(new PaymentProvider.ChargeRequest("charge-o1", "o1", "GG-100001", 12_345,
                "USD", "vt_1")).block(Duration.ofSeconds(10));
        assertThat(r.status()).isEqualTo("CAPTURED");
        assertThat(r.intentId()).isEqualTo("5O190127TN364715T");
        assertThat(r.captureId()).isEqualTo("3C679366HH908993F");
        assertThat(r.capturedMinor()).isEqualTo(12_345);

        // a second charge reuses the cached access token
        paypal.charge(new PaymentProvider.ChargeRequest("charge-o1", "o1", "GG-100001", 12_345, "USD", "vt_1")).block(Duration.ofSeconds(10));
        assertThat(PAYPAL.findAll(postRequestedFor(urlEqualTo("/v1/oauth2/token")))).hasSize(1);
    }

    @Test
    void anInstrumentDeclinedIsADeclineAndA503IsTransient() {
        PAYPAL.stubFor(post(urlEqualTo("/v2/checkout/orders")).withRequestBody(containing("vt_declined"))
                .willReturn(json(422, Map.of("name", "UNPROCESSABLE_ENTITY", "details", java.util.List.of(Map.of(
                        "issue", "INSTRUMENT_DECLINED", "description", "The instrument presented was declined."))))));
        PaymentProvider.ChargeResult r = paypal.charge(new PaymentProvider.ChargeRequest("charge-o2", "o2", "GG-100002", 500, "USD",
                "vt_declined")).block(Duration.ofSeconds(10));
        assertThat(r.status()).isEqualTo("DECLINED");
        assertThat(r.failureCode()).isEqualTo("instrument_declined");

        PAYPAL.stubFor(post(urlEqualTo("/v2/checkout/orders")).withRequestBody(containing("vt_busy"))
                .willReturn(json(503, Map.of("name", "SERVICE_UNAVAILABLE"))));
        assertThatThrownBy(() -> paypal.charge(new PaymentProvider.ChargeRequest("charge-o3", "o3", "GG-100003", 500, "USD",
                "vt_busy")).block(Duration.ofSeconds(10))).isInstanceOf(TransientPaymentException.class);
    }

    @Test
    void aRefundGoesToTheCaptureInDecimalUnitsAndAMethodIsDescribedFromTheVault() {
        PAYPAL.stubFor(post(urlEqualTo("/v2/payments/captures/3C679366HH908993F/refund")).withHeader("PayPal-Request-Id", equalTo("rf_1"))
                .withRequestBody(equalToJson("{\"amount\":{\"currency_code\":\"USD\",\"value\":\"10.05\"}}"))
                .willReturn(json(201, Map.of("id", "1JU08902781691411", "status", "COMPLETED"))));
        PaymentProvider.RefundResult r = paypal.refund(new PaymentProvider.RefundRequest("rf_1", "5O190127TN364715T",
                "3C679366HH908993F", 1_005, "USD")).block(Duration.ofSeconds(10));
        assertThat(r.refundId()).isEqualTo("1JU08902781691411");
        assertThat(r.status()).isEqualTo("SUCCEEDED");

        PAYPAL.stubFor(get(urlEqualTo("/v3/vault/payment-tokens/vt_card")).willReturn(json(200, Map.of("id", "vt_card",
                "payment_source", Map.of("card", Map.of("brand", "VISA", "last_digits", "1881"))))));
        PaymentProvider.MethodInfo m = paypal.describe("vt_card").block(Duration.ofSeconds(10));
        assertThat(m.brand()).isEqualTo("visa");
        assertThat(m.last4()).isEqualTo("1881");
        PAYPAL.stubFor(get(urlEqualTo("/v3/vault/payment-tokens/vt_none")).willReturn(json(404, Map.of("name", "RESOURCE_NOT_FOUND"))));
        assertThatThrownBy(() -> paypal.describe("vt_none").block(Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.slug()).isEqualTo("unknown-payment-method"));
    }

    @Test
    void webhooksAreGenuineOnlyWhenPayPalSaysSuccess() {
        PAYPAL.stubFor(post(urlEqualTo("/v1/notifications/verify-webhook-signature"))
                .withRequestBody(matchingJsonPath("$.webhook_id", equalTo("WH-local")))
                .withRequestBody(matchingJsonPath("$.transmission_sig", equalTo("good")))
                .willReturn(json(200, Map.of("verification_status", "SUCCESS"))));
        PAYPAL.stubFor(post(urlEqualTo("/v1/notifications/verify-webhook-signature"))
                .withRequestBody(matchingJsonPath("$.transmission_sig", equalTo("forged")))
                .willReturn(json(200, Map.of("verification_status", "FAILURE"))));
        var event = JSON.readTree("{\"id\":\"WH-1\",\"event_type\":\"PAYMENT.CAPTURE.COMPLETED\",\"resource\":{\"id\":\"c1\"}}");
        Map<String, String> headers = Map.of("auth_algo", "SHA256withRSA", "cert_url", "https://api.paypal.com/cert",
                "transmission_id", "t1", "transmission_time", "2026-11-25T10:00:00Z");
        Map<String, String> good = new java.util.HashMap<>(headers);
        good.put("transmission_sig", "good");
        Map<String, String> forged = new java.util.HashMap<>(headers);
        forged.put("transmission_sig", "forged");
        assertThat(paypal.verifyWebhook(good, event).block(Duration.ofSeconds(10))).isTrue();
        assertThat(paypal.verifyWebhook(forged, event).block(Duration.ofSeconds(10))).isFalse();
    }

    @Test
    void moneyIsWrittenInTheCurrencysOwnDecimals() {
        assertThat(ProviderHttp.decimal(12_345, "USD")).isEqualTo("123.45");
        assertThat(ProviderHttp.decimal(5, "EUR")).isEqualTo("0.05");
        assertThat(ProviderHttp.decimal(1_500, "JPY")).isEqualTo("1500");
        assertThat(ProviderHttp.minor("123.45", "USD")).isEqualTo(12_345);
    }
}
