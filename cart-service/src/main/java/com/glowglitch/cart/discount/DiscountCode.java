package com.glowglitch.cart.discount;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.data.annotation.Id;

import com.glowglitch.cart.cart.AppliedDiscount;
import com.glowglitch.platform.web.ApiException;

/**
 * A discount code. {@code remaining} counts down from {@code usageLimit} (null: unlimited) so the
 * global limit is one conditional decrement; {@code perUser} counts redemptions per shopper under a
 * hash of their id (no personal id stored as a key).
 */
public record DiscountCode(@Id String code, String kind, int percentBps, long amountOffMinor, long minSubtotalMinor,
                           Instant startsAt, Instant endsAt, Integer usageLimit, Integer perUserLimit, int uses,
                           Integer remaining, Map<String, Integer> perUser, List<String> productIds, List<String> categories,
                           boolean active, String createdBy, Instant createdAt, Instant updatedAt, long version) {

    public static final String PERCENTAGE = "percentage";
    public static final String FIXED = "fixed";

    public DiscountCode {
        perUser = perUser == null ? Map.of() : Map.copyOf(perUser);
        productIds = productIds == null ? List.of() : List.copyOf(productIds);
        categories = categories == null ? List.of() : List.copyOf(categories);
    }

    /** Why a shopper cannot use this code now (422 with the reason), or nothing. */
    public void requireUsableBy(String shopperKey, Instant now) {
        if (!active) {
            throw reason("discount-inactive", "this code is no longer active");
        }
        if (startsAt != null && now.isBefore(startsAt)) {
            throw reason("discount-not-started", "this code starts on " + startsAt);
        }
        if (endsAt != null && !now.isBefore(endsAt)) {
            throw reason("discount-expired", "this code expired on " + endsAt);
        }
        if (remaining != null && remaining <= 0) {
            throw reason("discount-exhausted", "this code has been used up");
        }
        if (perUserLimit != null && perUser.getOrDefault(shopperKey, 0) >= perUserLimit) {
            throw reason("discount-already-used", "you have already used this code "
                    + (perUserLimit == 1 ? "" : perUserLimit + " times"));
        }
    }

    public AppliedDiscount applied() {
        return new AppliedDiscount(code, kind, percentBps, amountOffMinor, minSubtotalMinor, productIds, categories, endsAt);
    }

    static ApiException reason(String slug, String detail) {
        return new ApiException(org.springframework.http.HttpStatus.UNPROCESSABLE_CONTENT, slug, "Discount not applicable",
                detail, Map.of("reason", slug.replace("discount-", "")));
    }
}
