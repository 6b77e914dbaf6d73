package com.glowglitch.identity.events;

import java.time.Instant;
import java.util.List;

/**
 * Events on {@code identity.events} (schemas in contracts/). They carry the user id and what
 * changed, never an email, a password, a token or a secret.
 */
public final class IdentityEvents {

    public static final String TOPIC = "identity.events";

    public record UserRegistered(String userId, List<String> roles, String termsVersion, Instant registeredAt) {
    }

    public record UserRoleChanged(String userId, List<String> roles, List<String> previousRoles, String changedBy,
                                  Instant changedAt) {
    }

    public record UserLocked(String userId, String reason, Instant until, String lockedBy, Instant lockedAt) {
    }

    public record UserUnlocked(String userId, String unlockedBy, Instant unlockedAt) {
    }

    public record UserDisabled(String userId, String disabledBy, Instant disabledAt) {
    }

    public record UserLoginFailed(String userId, String reason, int consecutiveFailures, Instant failedAt) {
    }

    public record ConsentChanged(String userId, boolean marketingEmail, boolean analytics, boolean personalization,
                                 String policyVersion, Instant changedAt) {
    }

    public record UserErased(String userId, String erasedBy, Instant erasedAt) {
    }

    private IdentityEvents() {
    }
}
