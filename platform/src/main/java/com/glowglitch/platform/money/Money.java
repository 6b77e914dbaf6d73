package com.glowglitch.platform.money;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * An amount in integer minor units (cents) of an ISO 4217 currency. Never a floating-point
 * number: {@code 12.5} for {@code amountMinor} is rejected when the request is read.
 */
public record Money(
        @NotNull @PositiveOrZero @Max(MAX_MINOR) Long amountMinor,
        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as USD") String currency) {

    /** 100 million in major units: far above any jewel we sell, far below overflow. */
    public static final long MAX_MINOR = 10_000_000_000L;

    public static Money of(long amountMinor, String currency) {
        return new Money(amountMinor, currency);
    }

    public org.bson.Document toDocument() {
        return new org.bson.Document("amountMinor", amountMinor).append("currency", currency);
    }

    public static Money fromDocument(org.bson.Document d) {
        return d == null ? null : new Money(((Number) d.get("amountMinor")).longValue(), d.getString("currency"));
    }
}
