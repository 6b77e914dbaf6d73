package com.glowglitch.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;

@SpringBootTest(classes = IdentityApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class KeyRotationIT extends IdentityTestSupport {

    @Test
    void afterARotationNewTokensUseTheNewKeyAndOldTokensStayValidUntilTheyExpire() throws Exception {
        String email = newEmail();
        register(email);
        String before = accessToken(email);
        String oldKid = SignedJWT.parse(before).getHeader().getKeyID();

        Map<?, ?> rotated = asAdmin().post().uri("/admin/keys/rotate").exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        String newKid = (String) rotated.get("currentKeyId");
        assertThat(newKid).isNotEqualTo(oldKid);

        String after = accessToken(email);
        assertThat(SignedJWT.parse(after).getHeader().getKeyID()).isEqualTo(newKid);
        JWKSet jwks = JWKSet.parse(http().get().uri("/.well-known/jwks.json").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
        assertThat(jwks.getKeys()).extracting(k -> k.getKeyID()).contains(oldKid, newKid).hasSize(2);

        as(before).get().uri("/api/users/me").exchange().expectStatus().isOk();
        as(after).get().uri("/api/users/me").exchange().expectStatus().isOk();
        as(customerToken()).post().uri("/admin/keys/rotate").exchange().expectStatus().isForbidden();

        // a second rotation retires the oldest key: its tokens are refused
        asAdmin().post().uri("/admin/keys/rotate").exchange().expectStatus().isOk();
        as(before).get().uri("/api/users/me").exchange().expectStatus().isUnauthorized();
        as(after).get().uri("/api/users/me").exchange().expectStatus().isOk();
    }

    @Override
    protected String customerToken() {
        return OwnTokens.of(tokens, "customer", java.time.Duration.ofMinutes(5));
    }
}
