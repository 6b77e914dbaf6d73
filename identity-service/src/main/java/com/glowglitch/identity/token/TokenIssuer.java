package com.glowglitch.identity.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import reactor.core.publisher.Mono;

/** Issues short-lived RS256 access tokens: sub, roles, session id, kid in the header. */
@Component
public class TokenIssuer {

    public record AccessToken(String accessToken, String tokenType, long expiresIn) {
    }

    /** Access token plus the rotating refresh token of its session. */
    public record TokenPair(String accessToken, String tokenType, long expiresIn, String refreshToken,
                            long refreshExpiresIn) {
    }

    private final SigningKeys keys;
    private final Clock clock;
    private final Duration ttl;
    private final String issuer;

    public TokenIssuer(SigningKeys keys, Clock clock,
                       @Value("${glowglitch.identity.access-token-ttl:15m}") Duration ttl,
                       @Value("${glowglitch.identity.issuer:glowglitch-identity}") String issuer) {
        this.keys = keys;
        this.clock = clock;
        this.ttl = ttl;
        this.issuer = issuer;
    }

    public Mono<AccessToken> issue(String userId, List<String> roles) {
        return issue(userId, roles, UUID.randomUUID().toString(), ttl);
    }

    /** A token for a login session: its {@code sid} ties it to the refresh-token family. */
    public Mono<AccessToken> issue(String userId, List<String> roles, String sessionId, Duration lifetime) {
        return keys.current().map(key -> {
            Instant now = clock.instant();
            JWTClaimsSet claims = new JWTClaimsSet.Builder()
                    .issuer(issuer)
                    .subject(userId)
                    .issueTime(Date.from(now))
                    .expirationTime(Date.from(now.plus(lifetime)))
                    .jwtID(UUID.randomUUID().toString())
                    .claim("roles", roles)
                    .claim("sid", sessionId)
                    .build();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            try {
                jwt.sign(new RSASSASigner(key));
            } catch (JOSEException e) {
                throw new IllegalStateException("signing failed", e);
            }
            return new AccessToken(jwt.serialize(), "Bearer", lifetime.toSeconds());
        });
    }
}
