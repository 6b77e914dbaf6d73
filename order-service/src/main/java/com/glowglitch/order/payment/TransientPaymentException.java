package com.glowglitch.order.payment;

/** The provider could not answer now (timeout, 5xx, rate limit, processing error): worth another try. */
public class TransientPaymentException extends RuntimeException {

    private final String code;

    public TransientPaymentException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
