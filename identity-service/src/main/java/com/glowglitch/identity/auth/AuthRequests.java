package com.glowglitch.identity.auth;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Bodies of the {@code /api/auth} endpoints. Lengths are capped before anything is hashed. */
public final class AuthRequests {

    public record Consent(boolean marketingEmail, boolean analytics, boolean personalization) {
    }

    public record Register(
            @NotBlank @Size(max = 254) String email,
            @NotBlank @Size(max = 128) String password,
            @Size(max = 60) @Pattern(regexp = "[^\\p{Cntrl}<>]*") String displayName,
            @NotNull @AssertTrue(message = "the terms must be accepted") Boolean acceptTerms,
            @NotBlank @Size(max = 20) @Pattern(regexp = "[A-Za-z0-9.\\-]+") String termsVersion,
            @Valid Consent consent) {
    }

    public record Login(
            @NotBlank @Size(max = 254) String email,
            @NotBlank @Size(max = 128) String password,
            @Pattern(regexp = "\\d{6}", message = "must be the 6-digit code") String otp,
            @Size(max = 32) String recoveryCode) {
    }

    public record Refresh(@NotBlank @Size(max = 200) String refreshToken) {
    }

    public record Logout(@Size(max = 200) String refreshToken) {
    }

    public record VerifyEmail(@NotBlank @Size(max = 100) String token) {
    }

    public record ForgotPassword(@NotBlank @Size(max = 254) String email) {
    }

    public record ResetPassword(@NotBlank @Size(max = 100) String token, @NotBlank @Size(max = 128) String password) {
    }

    public record Code(@NotBlank @Pattern(regexp = "\\d{6}", message = "must be the 6-digit code") String code) {
    }

    public record DisableTwoFactor(@NotBlank @Size(max = 128) String password,
                                   @NotBlank @Pattern(regexp = "\\d{6}", message = "must be the 6-digit code") String code) {
    }

    private AuthRequests() {
    }
}
