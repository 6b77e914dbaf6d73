package com.glowglitch.order.payment;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.glowglitch.order.config.PaymentProperties;
import com.glowglitch.order.order.OrderStore;
import com.glowglitch.order.saga.Saga;
import com.glowglitch.platform.web.ApiException;

import io.swagger.v3.oas.annotations.Operation;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stripe's webhook. Only a request whose {@code Stripe-Signature} carries a valid HMAC-SHA256 of
 * {@code "<t>.<raw body>"} under the endpoint secret, with {@code t} within the tolerance (replay
 * protection), is read at all; anything else is 400 and changes nothing. The event id guards the
 * order's move, so Stripe's redeliveries are processed once.
 */
@RestController
@RequestMapping("/api/payments/webhooks")
public class StripeWebhookController {

    private static final Logger log = LoggerFactory.getLogger(StripeWebhookController.class);

    private final Saga saga;
    private final OrderStore store;
    private final JsonMapper json;
    private final Clock clock;
    private final PaymentProperties.Stripe props;

    public StripeWebhookController(Saga saga, OrderStore store, JsonMapper json, Clock clock, PaymentProperties props) {
        this.saga = saga;
        this.store = store;
        this.json = json;
        this.clock = clock;
        this.props = props.stripe();
    }

    @PostMapping("/stripe")
    @Operation(summary = "Stripe events (payment_intent.succeeded / payment_failed) — signed with Stripe-Signature; 400 when the "
            + "signature is wrong or older than the tolerance")
    public Mono<Map<String, Object>> receive(@RequestHeader(name = "Stripe-Signature", required = false) String signature,
                                             @RequestBody byte[] body) {
        if (props.webhookSecret() == null || props.webhookSecret().isBlank()) {
            return Mono.error(ApiException.notFound("the Stripe webhook (no endpoint secret configured)"));
        }
        verify(signature, body, props.webhookSecret(), props.webhookTolerance(), clock.instant());
        JsonNode event;
        try {
            event = json.readTree(body);
        } catch (JacksonException e) {
            return Mono.error(ApiException.badRequest("malformed-event", "the event is not JSON"));
        }
        String id = event.path("id").asString("");
        String type = event.path("type").asString("");
        JsonNode intent = event.path("data").path("object");
        if (id.isEmpty() || !type.startsWith("payment_intent.")) {
            return Mono.just(Map.of("received", true, "handled", false));
        }
        String intentId = intent.path("id").asString("");
        String orderId = intent.path("metadata").path("order_id").asString("");
        Mono<com.glowglitch.order.order.Order> order = store.byIntent(intentId)
                .switchIfEmpty(Mono.defer(() -> orderId.isEmpty() ? Mono.empty() : store.byId(orderId)));
        return order.flatMap(o -> switch (type) {
                    case "payment_intent.succeeded" -> saga.markPaid(o, StripePayments.intent(intent), 0, "stripe", id).thenReturn(true);
                    case "payment_intent.payment_failed" -> {
                        PaymentProvider.ChargeResult r = StripePayments.intent(intent);
                        yield saga.failPayment(o.id(), id, intentId, r.failureCode(), r.message(), false, 0, "payment-declined").thenReturn(true);
                    }
                    default -> Mono.just(false);
                })
                .defaultIfEmpty(false)
                .doOnNext(handled -> log.info("Stripe event {} {} for intent {}: {}", type, id, intentId, handled ? "applied" : "nothing to do"))
                .map(handled -> Map.<String, Object>of("received", true, "handled", handled));
    }

    /** Stripe's scheme: {@code Stripe-Signature: t=<unix seconds>,v1=<hex hmac>[,v1=…]}. */
    static void verify(String header, byte[] body, String secret, Duration tolerance, Instant now) {
        if (header == null || header.isBlank()) {
            throw ApiException.badRequest("invalid-signature", "missing Stripe-Signature header");
        }
        Long t = null;
        java.util.List<String> v1 = new java.util.ArrayList<>();
        for (String part : header.split(",")) {
            String[] kv = part.trim().split("=", 2);
            if (kv.length != 2) {
                continue;
            }
            if ("t".equals(kv[0])) {
                try {
                    t = Long.parseLong(kv[1]);
                } catch (NumberFormatException e) {
                    throw ApiException.badRequest("invalid-signature", "the signature timestamp is not a number");
                }
            } else if ("v1".equals(kv[0])) {
                v1.add(kv[1]);
            }
        }
        if (t == null || v1.isEmpty()) {
            throw ApiException.badRequest("invalid-signature", "Stripe-Signature needs t= and v1=");
        }
        if (Math.abs(now.getEpochSecond() - t) > tolerance.toSeconds()) {
            throw ApiException.badRequest("stale-webhook", "the signature timestamp is outside the " + tolerance.toSeconds()
                    + " s tolerance (a replay?)");
        }
        byte[] expected = hmac(secret, (t + ".").getBytes(StandardCharsets.UTF_8), body);
        for (String candidate : v1) {
            byte[] given;
            try {
                given = HexFormat.of().parseHex(candidate);
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (MessageDigest.isEqual(expected, given)) {
                return;
            }
        }
        throw ApiException.badRequest("invalid-signature", "no v1 signature matches this payload");
    }

    /** HMAC-SHA256 of the parts in order, over the raw bytes as received. */
    static byte[] hmac(String secret, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            for (byte[] p : parts) {
                mac.update(p);
            }
            return mac.doFinal();
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
