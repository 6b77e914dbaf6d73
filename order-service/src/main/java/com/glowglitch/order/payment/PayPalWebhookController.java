package com.glowglitch.order.payment;

import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.glowglitch.order.order.OrderStore;
import com.glowglitch.order.saga.Saga;
import com.glowglitch.platform.web.ApiException;

import io.swagger.v3.oas.annotations.Operation;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * PayPal's webhook: each event is verified by PayPal itself (the transmission headers and the
 * event go to its verify-webhook-signature API) before it is read; unverified → 400, nothing
 * changes. PAYMENT.CAPTURE.COMPLETED pays a pending order, PAYMENT.CAPTURE.DENIED cancels it; the
 * event id guards the move, so redeliveries change nothing.
 */
@RestController
@RequestMapping("/api/payments/webhooks")
public class PayPalWebhookController {

    private static final Logger log = LoggerFactory.getLogger(PayPalWebhookController.class);

    private final PayPalPayments paypal;
    private final Saga saga;
    private final OrderStore store;
    private final JsonMapper json;

    public PayPalWebhookController(PayPalPayments paypal, Saga saga, OrderStore store, JsonMapper json) {
        this.paypal = paypal;
        this.saga = saga;
        this.store = store;
        this.json = json;
    }

    @PostMapping("/paypal")
    @Operation(summary = "PayPal events (PAYMENT.CAPTURE.COMPLETED / DENIED) — verified with PayPal before use; 400 if not genuine")
    public Mono<Map<String, Object>> receive(@RequestHeader(name = "PAYPAL-TRANSMISSION-ID", required = false) String id,
                                             @RequestHeader(name = "PAYPAL-TRANSMISSION-TIME", required = false) String time,
                                             @RequestHeader(name = "PAYPAL-TRANSMISSION-SIG", required = false) String sig,
                                             @RequestHeader(name = "PAYPAL-CERT-URL", required = false) String certUrl,
                                             @RequestHeader(name = "PAYPAL-AUTH-ALGO", required = false) String algo,
                                             @RequestBody byte[] body) {
        if (id == null || time == null || sig == null || certUrl == null || algo == null) {
            return Mono.error(ApiException.badRequest("invalid-signature", "PayPal transmission headers are missing"));
        }
        JsonNode event;
        try {
            event = json.readTree(body);
        } catch (JacksonException e) {
            return Mono.error(ApiException.badRequest("malformed-event", "the event is not JSON"));
        }
        Map<String, String> transmission = new LinkedHashMap<>();
        transmission.put("auth_algo", algo);
        transmission.put("cert_url", certUrl);
        transmission.put("transmission_id", id);
        transmission.put("transmission_sig", sig);
        transmission.put("transmission_time", time);
        return paypal.verifyWebhook(transmission, event)
                .onErrorMap(TransientPaymentException.class, e -> new ApiException(org.springframework.http.HttpStatus.SERVICE_UNAVAILABLE,
                        "verification-unavailable", "Service unavailable", "PayPal could not verify the event now; send it again"))
                .flatMap(genuine -> genuine ? apply(event)
                        : Mono.error(ApiException.badRequest("invalid-signature", "PayPal did not confirm this event")));
    }

    private Mono<Map<String, Object>> apply(JsonNode event) {
        String eventId = event.path("id").asString("");
        String type = event.path("event_type").asString("");
        JsonNode capture = event.path("resource");
        String paypalOrder = capture.path("supplementary_data").path("related_ids").path("order_id").asString("");
        String orderId = capture.path("custom_id").asString("");
        if (eventId.isEmpty() || !type.startsWith("PAYMENT.CAPTURE.")) {
            return Mono.just(Map.of("received", true, "handled", false));
        }
        Mono<com.glowglitch.order.order.Order> order = store.byIntent(paypalOrder)
                .switchIfEmpty(Mono.defer(() -> orderId.isEmpty() ? Mono.empty() : store.byId(orderId)));
        return order.flatMap(o -> switch (type) {
                    case "PAYMENT.CAPTURE.COMPLETED" -> saga.markPaid(o, PaymentProvider.ChargeResult.captured(paypalOrder,
                                    capture.path("id").asString(),
                                    ProviderHttp.minor(capture.path("amount").path("value").asString("0"), o.totals().currency())),
                            0, "paypal", eventId).thenReturn(true);
                    case "PAYMENT.CAPTURE.DENIED", "PAYMENT.CAPTURE.DECLINED" -> saga.failPayment(o.id(), eventId, paypalOrder,
                            "capture_denied", "PayPal denied the capture", false, 0, "payment-declined").thenReturn(true);
                    default -> Mono.just(false);
                })
                .defaultIfEmpty(false)
                .doOnNext(h -> log.info("PayPal event {} {}: {}", type, eventId, h ? "applied" : "nothing to do"))
                .map(h -> Map.<String, Object>of("received", true, "handled", h));
    }
}
