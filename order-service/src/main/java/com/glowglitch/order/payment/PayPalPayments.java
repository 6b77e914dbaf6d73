package com.glowglitch.order.payment;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

import com.glowglitch.order.config.PaymentProperties;
import com.glowglitch.platform.web.ApiException;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * PayPal's Orders v2 API: an OAuth2 client-credentials token (cached until shortly before it
 * expires), an order with intent CAPTURE paid from a vaulted payment token, then its capture. Every
 * POST carries {@code PayPal-Request-Id}, PayPal's idempotency header, derived from our key. The
 * order's intent id is PayPal's order id, its capture id the capture's.
 */
@Component
public class PayPalPayments implements PaymentProvider {

    private final WebClient web;
    private final JsonMapper json;
    private final Clock clock;
    private final PaymentProperties.PayPal props;
    private final AtomicReference<Token> token = new AtomicReference<>();

    private record Token(String value, Instant expires) {
    }

    public PayPalPayments(WebClient.Builder builder, JsonMapper json, Clock clock, PaymentProperties props) {
        this.props = props.paypal();
        this.json = json;
        this.clock = clock;
        this.web = builder.clone().baseUrl(this.props.apiBase()).build();
    }

    @Override
    public String name() {
        return "paypal";
    }

    record Answer(int status, JsonNode body) {
    }

    /** An access token, fetched once and reused until a minute before it expires. */
    Mono<String> accessToken() {
        Token t = token.get();
        if (t != null && t.expires().isAfter(clock.instant())) {
            return Mono.just(t.value());
        }
        if (props.clientId() == null || props.clientId().isBlank()) {
            return Mono.error(new IllegalStateException("glowglitch.payments.paypal.client-id (PAYPAL_CLIENT_ID) is not set"));
        }
        return ProviderHttp.bounded(web.post().uri("/v1/oauth2/token").headers(h -> h.setBasicAuth(props.clientId(), props.clientSecret()))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(BodyInserters.fromFormData("grant_type", "client_credentials"))
                .exchangeToMono(r -> read(r)).flatMap(a -> {
                    if (a.status() != 200) {
                        return Mono.error(new TransientPaymentException("auth-" + a.status(), "PayPal refused our credentials (" + a.status() + ")"));
                    }
                    Token fresh = new Token(a.body().path("access_token").asString(),
                            clock.instant().plusSeconds(Math.max(0, a.body().path("expires_in").asLong(0) - 60)));
                    token.set(fresh);
                    return Mono.just(fresh.value());
                }), props.timeout(), "PayPal");
    }

    private Mono<Answer> call(String method, String path, String requestId, Object body) {
        return accessToken().flatMap(access -> {
            WebClient.RequestBodySpec spec = web.method(org.springframework.http.HttpMethod.valueOf(method)).uri(path)
                    .headers(h -> {
                        h.setBearerAuth(access);
                        if (requestId != null) {
                            h.set("PayPal-Request-Id", requestId);
                        }
                    });
            WebClient.RequestHeadersSpec<?> req = body == null ? spec : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
            return ProviderHttp.bounded(req.exchangeToMono(this::read), props.timeout(), "PayPal");
        }).flatMap(a -> {
            if (a.status() == 401) {
                token.set(null); // expired early: the next try fetches a new one
                return Mono.error(new TransientPaymentException("auth-401", "PayPal token expired"));
            }
            if (ProviderHttp.transientStatus(a.status())) {
                return Mono.error(new TransientPaymentException("http-" + a.status(), "PayPal answered " + a.status()));
            }
            return Mono.just(a);
        });
    }

    private Mono<Answer> read(ClientResponse r) {
        return r.bodyToMono(byte[].class).map(json::readTree).defaultIfEmpty(json.createObjectNode())
                .map(b -> new Answer(r.statusCode().value(), b));
    }

    @Override
    public Mono<MethodInfo> describe(String methodToken) {
        return call("GET", "/v3/vault/payment-tokens/" + methodToken, null, null).map(a -> {
            if (a.status() != 200) {
                throw ApiException.unprocessable("unknown-payment-method", "PayPal does not know this payment token");
            }
            JsonNode card = a.body().path("payment_source").path("card");
            return card.isMissingNode() ? new MethodInfo("paypal", null)
                    : new MethodInfo(card.path("brand").asString("card").toLowerCase(), card.path("last_digits").asString(null));
        });
    }

    @Override
    public Mono<ChargeResult> charge(ChargeRequest c) {
        Map<String, Object> order = Map.of("intent", "CAPTURE",
                "purchase_units", List.of(Map.of("reference_id", c.orderNumber(), "custom_id", c.orderId(),
                        "amount", Map.of("currency_code", c.currency(), "value", ProviderHttp.decimal(c.amountMinor(), c.currency())))),
                "payment_source", Map.of("card", Map.of("vault_id", c.methodToken())));
        return call("POST", "/v2/checkout/orders", c.idempotencyKey(), order).flatMap(created -> {
            if (created.status() == 422 || created.status() == 400) {
                return Mono.just(declined(null, created.body()));
            }
            String paypalOrder = created.body().path("id").asString();
            if ("COMPLETED".equals(created.body().path("status").asString(""))) {
                return Mono.just(capture(paypalOrder, created.body(), c.currency()));
            }
            return call("POST", "/v2/checkout/orders/" + paypalOrder + "/capture", c.idempotencyKey() + "-capture", Map.of())
                    .map(captured -> captured.status() >= 400 ? declined(paypalOrder, captured.body())
                            : capture(paypalOrder, captured.body(), c.currency()));
        });
    }

    private static ChargeResult capture(String paypalOrder, JsonNode order, String currency) {
        JsonNode cap = order.path("purchase_units").path(0).path("payments").path("captures").path(0);
        String status = cap.path("status").asString("");
        return switch (status) {
            case "COMPLETED" -> ChargeResult.captured(paypalOrder, cap.path("id").asString(),
                    ProviderHttp.minor(cap.path("amount").path("value").asString("0"), currency));
            case "PENDING" -> new ChargeResult("PROCESSING", paypalOrder, cap.path("id").asString(null), 0, null, null);
            default -> ChargeResult.declined(paypalOrder, status.isEmpty() ? "capture_failed" : status.toLowerCase(), null);
        };
    }

    private static ChargeResult declined(String paypalOrder, JsonNode error) {
        JsonNode detail = error.path("details").path(0);
        return ChargeResult.declined(paypalOrder, detail.path("issue").asString(error.path("name").asString("declined")).toLowerCase(),
                detail.path("description").asString(error.path("message").asString(null)));
    }

    @Override
    public Mono<RefundResult> refund(RefundRequest r) {
        if (r.captureId() == null) {
            return Mono.error(ApiException.unprocessable("not-paid", "no PayPal capture to refund"));
        }
        return call("POST", "/v2/payments/captures/" + r.captureId() + "/refund", r.idempotencyKey(),
                Map.of("amount", Map.of("currency_code", r.currency(), "value", ProviderHttp.decimal(r.amountMinor(), r.currency()))))
                .flatMap(a -> {
                    if (a.status() >= 400) {
                        return Mono.error(ApiException.unprocessable("refund-refused", "PayPal refused the refund: "
                                + a.body().path("details").path(0).path("issue").asString(a.body().path("message").asString(""))));
                    }
                    String status = a.body().path("status").asString("");
                    return Mono.just(new RefundResult(a.body().path("id").asString(), "COMPLETED".equals(status) ? "SUCCEEDED" : "PENDING"));
                });
    }

    /**
     * Asks PayPal whether a webhook is genuine ({@code POST /v1/notifications/verify-webhook-signature}
     * with the transmission headers, our webhook id and the event as received).
     */
    public Mono<Boolean> verifyWebhook(Map<String, String> transmission, JsonNode event) {
        if (props.webhookId() == null || props.webhookId().isBlank()) {
            return Mono.error(ApiException.notFound("the PayPal webhook (no webhook id configured)"));
        }
        Map<String, Object> body = new java.util.LinkedHashMap<>(transmission);
        body.put("webhook_id", props.webhookId());
        body.put("webhook_event", event);
        return call("POST", "/v1/notifications/verify-webhook-signature", null, body)
                .map(a -> a.status() == 200 && "SUCCESS".equals(a.body().path("verification_status").asString("")));
    }
}
