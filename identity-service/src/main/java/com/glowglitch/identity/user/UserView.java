package com.glowglitch.identity.user;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bson.Document;

import com.glowglitch.platform.crypto.FieldEncryptor;

/** A user as the API shows it: never a hash, a token or a secret. */
public record UserView(String id, String email, List<String> roles, String status, boolean emailVerified,
                       Profile profile, Consent consent, boolean twoFactorEnabled, String termsVersion,
                       Instant createdAt, Instant updatedAt, Instant lastLoginAt, long version) {

    public record Profile(String displayName, String avatarUrl, String dateOfBirth, String phone) {
    }

    public record Consent(boolean marketingEmail, boolean analytics, boolean personalization, String policyVersion,
                          Instant changedAt) {
    }

    @SuppressWarnings("unchecked")
    public static UserView of(Document d, FieldEncryptor encryptor) {
        Document p = d.get("profile", Document.class);
        Profile profile = p == null ? new Profile(null, null, null, null)
                : new Profile(p.getString("displayName"), p.getString("avatarUrl"), p.getString("dateOfBirth"),
                encryptor.decrypt(p.getString("phone")));
        Document c = d.get("consent", Document.class);
        Consent consent = c == null ? null : consent(c);
        Document tf = d.get("twoFactor", Document.class);
        return new UserView(d.getString("_id"), d.getString("email"), d.get("roles", List.class), d.getString("status"),
                d.getBoolean("emailVerified", false), profile, consent, tf != null && tf.getBoolean("enabled", false),
                d.getString("termsVersion"), instant(d, "createdAt"), instant(d, "updatedAt"), instant(d, "lastLoginAt"),
                ((Number) d.get("version", 1L)).longValue());
    }

    public static Consent consent(Document c) {
        return new Consent(c.getBoolean("marketingEmail", false), c.getBoolean("analytics", false),
                c.getBoolean("personalization", false), c.getString("policyVersion"), instant(c, "changedAt"));
    }

    private static Instant instant(Document d, String field) {
        Date v = d.getDate(field);
        return v == null ? null : v.toInstant();
    }

}
