package com.glowglitch.order.checkout;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/orders}: which cart, where to, how to pay (a provider token, never card data),
 * and the creator referral the storefront saw, if any.
 *
 * @param email a guest's e-mail for the receipt; signed-in shoppers need none
 */
public record CheckoutRequest(@NotBlank @Pattern(regexp = "[A-Za-z0-9_\\-]{1,64}") String cartId,
                              @NotNull @Valid Address shippingAddress,
                              @Valid Address billingAddress,
                              @NotBlank @Pattern(regexp = "[A-Za-z0-9_\\-]{3,128}", message = "must be a payment-method token such as pm_…")
                              String paymentMethod,
                              @Pattern(regexp = "[A-Za-z0-9_\\-]{2,64}") String referralCode,
                              @Pattern(regexp = "[A-Za-z0-9_\\-]{2,128}") String referralClickId,
                              @Email @Size(max = 254) String email) {

    static final String TEXT = "[^\\p{Cntrl}]*";

    public record Address(@NotBlank @Size(max = 120) @Pattern(regexp = TEXT) String name,
                          @NotBlank @Size(max = 200) @Pattern(regexp = TEXT) String line1,
                          @Size(max = 200) @Pattern(regexp = TEXT) String line2,
                          @NotBlank @Size(max = 100) @Pattern(regexp = TEXT) String city,
                          @Size(max = 100) @Pattern(regexp = TEXT) String region,
                          @NotBlank @Size(max = 20) @Pattern(regexp = "[A-Za-z0-9 \\-]+") String postalCode,
                          @NotBlank @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166 alpha-2 code such as US") String country,
                          @Size(max = 30) @Pattern(regexp = "[0-9+() \\-]*") String phone) {
    }
}
