package com.glowglitch.customization.design;

import java.util.Collection;

import org.springframework.security.oauth2.jwt.Jwt;

import com.glowglitch.platform.security.Roles;

/** Who is calling: the token's subject, whether it is a guest or an admin, and the token to relay to the catalog. */
public record Shopper(String id, boolean guest, boolean admin, String token) {

    public static Shopper of(Jwt jwt) {
        Object roles = jwt.getClaim("roles");
        boolean guest = roles instanceof Collection<?> c && c.contains(Roles.GUEST) && c.size() == 1;
        boolean admin = roles instanceof Collection<?> c && c.contains(Roles.ADMIN);
        return new Shopper(jwt.getSubject(), guest, admin, jwt.getTokenValue());
    }
}
