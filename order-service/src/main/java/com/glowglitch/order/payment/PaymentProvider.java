package com.glowglitch.order.payment;

import reactor.core.publisher.Mono;

/**
 * A payment provider behind one port: the sandbox (default), Stripe or PayPal. Card data never
 * crosses it — the storefront turned the card into the provider's token before checkout.
 *
 * <p>Every call carries an idempotency key derived from the order, so a retried or redelivered
 * step reaches the provider as the same request and is never charged or refunded twice. Failures
 * that may go away (timeouts, 5xx, rate limits) are signalled as {@link TransientPaymentException};
 * a refusal (declined card) is an answer, not an error.
 */
public interface PaymentProvider {

    String name();

    /** The brand and last four digits of a method token; 422 {@code unknown-payment-method} if the provider does not know it. */
    Mono<MethodInfo> describe(String methodToken);

    /** Authorizes and captures {@code amount} in one step. */
    Mono<ChargeResult> charge(ChargeRequest request);

    Mono<RefundResult> refund(RefundRequest request);

    record MethodInfo(String brand, String last4) {
    }

    record ChargeRequest(String idempotencyKey, String orderId, String orderNumber, long amountMinor, String currency,
                         String methodToken) {
    }

    /**
     * @param status CAPTURED, PROCESSING (the provider will tell by webhook), or DECLINED
     */
    record ChargeResult(String status, String intentId, String captureId, long capturedMinor, String failureCode,
                        String message) {

        public static ChargeResult captured(String intentId, String captureId, long amount) {
            return new ChargeResult("CAPTURED", intentId, captureId, amount, null, null);
        }

        public static ChargeResult processing(String intentId) {
            return new ChargeResult("PROCESSING", intentId, null, 0, null, null);
        }

        public static ChargeResult declined(String intentId, String code, String message) {
            return new ChargeResult("DECLINED", intentId, null, 0, code, message);
        }
    }

    /** @param intentId the charge's intent (Stripe PaymentIntent, sandbox intent) or capture id (PayPal) */
    record RefundRequest(String idempotencyKey, String intentId, String captureId, long amountMinor, String currency) {
    }

    /** @param status SUCCEEDED or PENDING (the provider settles it later); a refusal is an {@code ApiException} */
    record RefundResult(String refundId, String status) {
    }
}
