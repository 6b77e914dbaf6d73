package com.glowglitch.order.payment;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HexFormat;
import java.util.Map;

import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import com.glowglitch.platform.web.ApiException;

import reactor.core.publisher.Mono;

/**
 * The default provider: a local stand-in for Stripe's test mode. {@link #tokenize} plays the part
 * of Stripe.js — card details in, a {@code pm_…} token out — and keeps only the token's test
 * outcome, brand and last four digits; the card number is never stored or logged. Charges and
 * refunds are recorded per idempotency key, so a repeated call returns the first answer.
 *
 * <p>Test cards (as in Stripe's documentation): 4242 4242 4242 4242, 5555 5555 5555 4444 and
 * 3782 822463 10005 succeed; 4000 0000 0000 0002 is declined ({@code card_declined}),
 * 4000 0000 0000 9995 has {@code insufficient_funds}, 4000 0000 0000 0119 fails with a
 * {@code processing_error} every time (a transient failure: retried, then the order is cancelled).
 */
@Component
public class SandboxPayments implements PaymentProvider {

    static final String METHODS = "sandbox_payment_methods";
    static final String INTENTS = "sandbox_payment_intents";

    private record TestCard(String brand, String outcome) {
    }

    private static final Map<String, TestCard> CARDS = Map.of(
            "4242424242424242", new TestCard("visa", "succeeds"),
            "5555555555554444", new TestCard("mastercard", "succeeds"),
            "378282246310005", new TestCard("amex", "succeeds"),
            "4000000000000002", new TestCard("visa", "card_declined"),
            "4000000000009995", new TestCard("visa", "insufficient_funds"),
            "4000000000000119", new TestCard("visa", "processing_error"));

    private final ReactiveMongoTemplate mongo;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public SandboxPayments(ReactiveMongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "sandbox";
    }

    public record Card(String number, int expMonth, int expYear, String cvc) {
    }

    public record Method(String id, String brand, String last4, int expMonth, int expYear) {
    }

    /** Card details → a payment-method token. Errors never repeat the number. */
    public Mono<Method> tokenize(Card card, String owner) {
        String digits = card.number() == null ? "" : card.number().replaceAll("[ -]", "");
        if (!digits.matches("[0-9]{12,19}") || !luhn(digits)) {
            return Mono.error(invalid("number", "the card number is not valid"));
        }
        if (card.expMonth() < 1 || card.expMonth() > 12) {
            return Mono.error(invalid("expMonth", "the expiry month must be 1 to 12"));
        }
        if (YearMonth.of(card.expYear(), card.expMonth()).isBefore(YearMonth.now(clock.withZone(ZoneOffset.UTC)))) {
            return Mono.error(invalid("expYear", "the card has expired"));
        }
        if (card.cvc() == null || !card.cvc().matches("[0-9]{3,4}")) {
            return Mono.error(invalid("cvc", "the security code must be 3 or 4 digits"));
        }
        TestCard test = CARDS.get(digits);
        if (test == null) {
            return Mono.error(ApiException.unprocessable("unknown-test-card", "the sandbox only takes test cards, "
                    + "e.g. 4242 4242 4242 4242 (succeeds) or 4000 0000 0000 0002 (declined); never enter a real card here"));
        }
        Method m = new Method("pm_" + randomHex(12), test.brand(), digits.substring(digits.length() - 4), card.expMonth(),
                card.expYear());
        Document d = new Document("_id", m.id()).append("outcome", test.outcome()).append("brand", m.brand())
                .append("last4", m.last4()).append("expMonth", m.expMonth()).append("expYear", m.expYear())
                .append("owner", owner).append("createdAt", Date.from(clock.instant()));
        return mongo.insert(d, METHODS).thenReturn(m);
    }

    private static ApiException invalid(String field, String message) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-card", "Invalid card", message,
                Map.of("field", field));
    }

    static boolean luhn(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    @Override
    public Mono<MethodInfo> describe(String methodToken) {
        return mongo.findById(methodToken, Document.class, METHODS)
                .map(d -> new MethodInfo(d.getString("brand"), d.getString("last4")))
                .switchIfEmpty(Mono.error(() -> ApiException.unprocessable("unknown-payment-method",
                        "the payment method is not known to the sandbox provider; create one at /api/payments/sandbox/payment-methods")));
    }

    @Override
    public Mono<ChargeResult> charge(ChargeRequest r) {
        // insert first: a repeated charge loses on the key and reads the first answer (one round trip fewer per charge)
        return Mono.defer(() -> mongo.findById(r.methodToken(), Document.class, METHODS)
                        .switchIfEmpty(Mono.error(() -> ApiException.unprocessable("unknown-payment-method", "unknown payment method")))
                        .flatMap(method -> {
                            String outcome = method.getString("outcome");
                            if ("processing_error".equals(outcome)) {
                                return Mono.error(new TransientPaymentException("processing_error",
                                        "an error occurred while processing the card; try again"));
                            }
                            boolean ok = "succeeds".equals(outcome);
                            Document intent = new Document("_id", r.idempotencyKey()).append("intentId", "pi_sbx_" + randomHex(12))
                                    .append("orderId", r.orderId()).append("amountMinor", r.amountMinor())
                                    .append("currency", r.currency()).append("status", ok ? "CAPTURED" : "DECLINED")
                                    .append("capturedMinor", ok ? r.amountMinor() : 0L).append("refundedMinor", 0L)
                                    .append("failureCode", ok ? null : outcome)
                                    .append("message", ok ? null : "card_declined".equals(outcome) ? "Your card was declined."
                                            : "Your card has insufficient funds.")
                                    .append("createdAt", Date.from(clock.instant()));
                            // a racing duplicate loses the insert and reads the winner's answer
                            return mongo.insert(intent, INTENTS).map(SandboxPayments::result)
                                    .onErrorResume(org.springframework.dao.DuplicateKeyException.class,
                                            e -> mongo.findById(r.idempotencyKey(), Document.class, INTENTS).map(SandboxPayments::result));
                        }));
    }

    private static ChargeResult result(Document d) {
        return "CAPTURED".equals(d.getString("status"))
                ? ChargeResult.captured(d.getString("intentId"), d.getString("intentId"), ((Number) d.get("capturedMinor")).longValue())
                : ChargeResult.declined(d.getString("intentId"), d.getString("failureCode"), d.getString("message"));
    }

    /** A compare-and-set on the refunded amount: concurrent refunds can never give back more than was captured. */
    @Override
    @SuppressWarnings("unchecked")
    public Mono<RefundResult> refund(RefundRequest r) {
        return mongo.findOne(Query.query(Criteria.where("intentId").is(r.intentId())), Document.class, INTENTS)
                .switchIfEmpty(Mono.error(() -> ApiException.unprocessable("unknown-payment", "the provider knows no such payment")))
                .flatMap(d -> {
                    java.util.List<Document> done = (java.util.List<Document>) d.getOrDefault("refunds", java.util.List.of());
                    var again = done.stream().filter(x -> r.idempotencyKey().equals(x.getString("key"))).findFirst();
                    if (again.isPresent()) {
                        return Mono.just(new RefundResult(again.get().getString("id"), "SUCCEEDED"));
                    }
                    long refunded = ((Number) d.get("refundedMinor")).longValue();
                    if (!"CAPTURED".equals(d.getString("status"))
                            || refunded + r.amountMinor() > ((Number) d.get("capturedMinor")).longValue()) {
                        return Mono.error(ApiException.unprocessable("refund-exceeds-captured",
                                "the provider refuses: the refund is more than what is left of the captured amount"));
                    }
                    String refundId = "re_sbx_" + randomHex(12);
                    Update u = new Update().inc("refundedMinor", r.amountMinor()).push("refunds",
                            new Document("key", r.idempotencyKey()).append("id", refundId).append("amountMinor", r.amountMinor()));
                    return mongo.findAndModify(Query.query(Criteria.where("_id").is(d.get("_id")).and("refundedMinor").is(refunded)),
                                    u, Document.class, INTENTS)
                            .map(x -> new RefundResult(refundId, "SUCCEEDED"))
                            .switchIfEmpty(Mono.error(() -> ApiException.conflict("payment-changed", "a refund ran at the same time")));
                });
    }

    private String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
