package com.glowglitch.identity;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.glowglitch.identity.token.TokenIssuer;

/** The identity service trusts only its own keys, so its tests sign with its own issuer. */
final class OwnTokens {

    private OwnTokens() {
    }

    static String of(TokenIssuer tokens, String role, Duration lifetime) {
        return tokens.issue(role + "-" + UUID.randomUUID(), List.of(role), UUID.randomUUID().toString(), lifetime)
                .block().accessToken();
    }
}
