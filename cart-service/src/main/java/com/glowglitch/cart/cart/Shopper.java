package com.glowglitch.cart.cart;

import java.util.Collection;

import org.springframework.security.oauth2.jwt.Jwt;

/** Who is calling: the token's subject, whether it is a guest token, and the token to relay to the catalog. */
public record Shopper(String id, boolean guest, String token) {

    public static Shopper of(Jwt jwt) {
        Object roles = jwt.getClaim("roles");
        boolean guest = roles instanceof Collection<?> c && c.contains("guest") && c.size() == 1;
        return new Shopper(jwt.getSubject(), guest, jwt.getTokenValue());
    }
}
