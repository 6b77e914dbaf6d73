package com.glowglitch.platform.security;

/** The roles of ARCHITECTURE "Identity and access", as they appear in the JWT {@code roles} claim. */
public final class Roles {
    public static final String CUSTOMER = "customer";
    public static final String CREATOR = "creator";
    public static final String ADMIN = "admin";
    public static final String GUEST = "guest";

    /** Spring Security authority for a role claim value. */
    public static String authority(String role) {
        return "ROLE_" + role;
    }

    private Roles() {
    }
}
