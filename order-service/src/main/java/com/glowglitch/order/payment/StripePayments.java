package com.glowglitch.order.payment;

import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

import com.glowglitch.order.config.PaymentProperties;
import com.glowglitch.platform.web.ApiException;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stripe's PaymentIntents API (form-encoded requests, JSON answers, secret key as bearer token).
 * A charge creates and confirms a PaymentIntent with automatic capture; Stripe's own
 * {@code Idempotency-Key} header makes a repeated charge return the first intent. An intent that
 * is still {@code processing} is settled later by the {@code payment_intent.*} webhook.
 */
@Component
public class StripePayments implements PaymentProvider {

    private static final Logger log = LoggerFactory.getLogger(StripePayments.class);

    private final WebClient web;
    private final JsonMapper json;
    private final PaymentProperties.Stripe props;

    public StripePayments(WebClient.Builder builder, JsonMapper json, PaymentProperties props) {
        this.props = props.stripe();
        this.json = json;
        this.web = builder.clone().baseUrl(this.props.apiBase()).build();
    }

    @Override
    public String name() {
        return "stripe";
    }

    private String key() {
        if (props.secretKey() == null || props.secretKey().isBlank()) {
            throw new IllegalStateException("glowglitch.payments.stripe.secret-key (STRIPE_SECRET_KEY) is not set");
        }
        return props.secretKey();
    }

    @Override
    public Mono<MethodInfo> describe(String methodToken) {
        return ProviderHttp.bounded(web.get().uri("/v1/payment_methods/{id}", methodToken).headers(h -> h.setBearerAuth(key()))
                .exchangeToMono(r -> body(r).map(b -> {
                    if (r.statusCode().value() == 404 || r.statusCode().value() == 400) {
                        throw ApiException.unprocessable("unknown-payment-method", "Stripe does not know this payment method");
                    }
                    if (!r.statusCode().is2xxSuccessful()) {
                        throw new TransientPaymentException("http-" + r.statusCode().value(), "Stripe answered " + r.statusCode().value());
                    }
                    JsonNode card = b.path("card");
                    return new MethodInfo(card.path("brand").asString("card"), card.path("last4").asString(null));
                })), props.timeout(), "Stripe");
    }

    @Override
    public Mono<ChargeResult> charge(ChargeRequest c) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("amount", String.valueOf(c.amountMinor()));
        form.add("currency", c.currency().toLowerCase(Locale.ROOT));
        form.add("payment_method", c.methodToken());
        form.add("payment_method_types[]", "card");
        form.add("confirm", "true");
        form.add("capture_method", "automatic");
        form.add("metadata[order_id]", c.orderId());
        form.add("metadata[order_number]", c.orderNumber());
        return ProviderHttp.bounded(post("/v1/payment_intents", c.idempotencyKey(), form).flatMap(r -> {
            if (r.status() == 200) {
                return Mono.just(intent(r.body()));
            }
            JsonNode error = r.body().path("error");
            if (r.status() == 402 || "card_error".equals(error.path("type").asString(""))) {
                String code = error.path("decline_code").asString(error.path("code").asString("card_declined"));
                return Mono.just(ChargeResult.declined(error.path("payment_intent").path("id").asString(null), code,
                        error.path("message").asString(null)));
            }
            if (ProviderHttp.transientStatus(r.status())) {
                return Mono.error(new TransientPaymentException("http-" + r.status(), "Stripe answered " + r.status()));
            }
            log.warn("Stripe refused a charge with {}: {}", r.status(), error.path("message").asString(""));
            return Mono.just(ChargeResult.declined(null, error.path("code").asString("invalid_request"),
                    error.path("message").asString(null)));
        }), props.timeout(), "Stripe");
    }

    /** A PaymentIntent object → our result. */
    static ChargeResult intent(JsonNode pi) {
        String id = pi.path("id").asString();
        return switch (pi.path("status").asString("")) {
            case "succeeded" -> ChargeResult.captured(id, pi.path("latest_charge").asString(null), pi.path("amount_received").asLong());
            case "processing" -> ChargeResult.processing(id);
            case "requires_action" -> ChargeResult.declined(id, "authentication_required",
                    "the card needs 3-D Secure authentication, which this checkout does not offer");
            default -> {
                JsonNode err = pi.path("last_payment_error");
                yield ChargeResult.declined(id, err.path("decline_code").asString(err.path("code").asString("payment_failed")),
                        err.path("message").asString(null));
            }
        };
    }

    @Override
    public Mono<RefundResult> refund(RefundRequest r) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("payment_intent", r.intentId());
        form.add("amount", String.valueOf(r.amountMinor()));
        return ProviderHttp.bounded(post("/v1/refunds", r.idempotencyKey(), form).flatMap(resp -> {
            if (resp.status() == 200) {
                String status = resp.body().path("status").asString("");
                if ("failed".equals(status) || "canceled".equals(status)) {
                    return Mono.error(ApiException.unprocessable("refund-refused", "Stripe could not refund: " + status));
                }
                return Mono.just(new RefundResult(resp.body().path("id").asString(), "succeeded".equals(status) ? "SUCCEEDED" : "PENDING"));
            }
            if (ProviderHttp.transientStatus(resp.status())) {
                return Mono.error(new TransientPaymentException("http-" + resp.status(), "Stripe answered " + resp.status()));
            }
            return Mono.error(ApiException.unprocessable("refund-refused", "Stripe refused the refund: "
                    + resp.body().path("error").path("message").asString("status " + resp.status())));
        }), props.timeout(), "Stripe");
    }

    record Answer(int status, JsonNode body) {
    }

    private Mono<Answer> post(String path, String idempotencyKey, MultiValueMap<String, String> form) {
        return web.post().uri(path).headers(h -> {
                    h.setBearerAuth(key());
                    h.set("Idempotency-Key", idempotencyKey);
                }).contentType(MediaType.APPLICATION_FORM_URLENCODED).body(BodyInserters.fromFormData(form))
                .exchangeToMono(r -> body(r).map(b -> new Answer(r.statusCode().value(), b)));
    }

    private Mono<JsonNode> body(ClientResponse r) {
        return r.bodyToMono(byte[].class).map(json::readTree).defaultIfEmpty(json.createObjectNode());
    }
}
