package com.glowglitch.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;

import com.glowglitch.platform.test.ServiceTest;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;

@SpringBootTest(classes = IdentityApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ADMIN_EMAIL=Root@GlowGlitch.test", "ADMIN_PASSWORD=Correct-Horse-Battery-9"})
class LoginIT extends ServiceTest {

    @Test
    void theSeededAdminLogsInAndTheTokenVerifiesAgainstThePublishedJwks() throws Exception {
        Map<?, ?> token = login("root@glowglitch.test", "Correct-Horse-Battery-9", 200);
        assertThat(token.get("tokenType")).isEqualTo("Bearer");
        assertThat(((Number) token.get("expiresIn")).intValue()).isEqualTo(900);
        SignedJWT jwt = SignedJWT.parse((String) token.get("accessToken"));
        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
        assertThat(jwt.getJWTClaimsSet().getStringListClaim("roles")).contains("admin");
        assertThat(jwt.getJWTClaimsSet().getStringClaim("sid")).isNotBlank();

        String jwks = http().get().uri("/.well-known/jwks.json").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        JWKSet set = JWKSet.parse(jwks);
        assertThat(set.getKeyByKeyId(jwt.getHeader().getKeyID())).isNotNull();
        assertThat(set.getKeys()).allSatisfy(k -> assertThat(k.isPrivate()).isFalse());
        assertThat(jwt.verify(new com.nimbusds.jose.crypto.RSASSAVerifier(set.getKeyByKeyId(jwt.getHeader().getKeyID()).toRSAKey())))
                .isTrue();

        // the token opens admin endpoints of the service that issued it
        as((String) token.get("accessToken")).get().uri("/admin/db/health").exchange().expectStatus().isOk();
    }

    @Test
    void wrongPasswordAndUnknownEmailGetTheSameAnswer() {
        Map<?, ?> wrong = login("root@glowglitch.test", "not-the-password", 401);
        Map<?, ?> unknown = login("nobody@glowglitch.test", "not-the-password", 401);
        assertThat(wrong.get("type")).isEqualTo("https://glowglitch.dev/problems/invalid-credentials");
        assertThat(unknown.get("detail")).isEqualTo(wrong.get("detail"));
    }

    @Test
    void malformedLoginsAreBadRequests() {
        login("not-an-email", "whatever-password", 400);
        http().post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"email\": {\"$ne\": null}, \"password\": {\"$ne\": null}}")
                .exchange().expectStatus().isBadRequest();
        login("root@glowglitch.test", "x".repeat(10_000), 400);
    }

    @Test
    void seedingTheAdminTwiceKeepsOneAccount() {
        String admin = (String) login("root@glowglitch.test", "Correct-Horse-Battery-9", 200).get("accessToken");
        as(admin).post().uri("/admin/db/seed").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.created").isEqualTo(0);
    }

    private Map<?, ?> login(String email, String password, int status) {
        return http().post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", password))
                .exchange().expectStatus().isEqualTo(status)
                .expectBody(Map.class).returnResult().getResponseBody();
    }
}
