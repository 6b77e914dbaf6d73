package com.glowglitch.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;

import com.glowglitch.identity.twofactor.Totp;
import com.glowglitch.platform.test.TopicReader;

@SpringBootTest(classes = IdentityApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class AccountFlowsIT extends IdentityTestSupport {

    @Autowired
    ReactiveMongoTemplate mongo;

    @Test
    void registerVerifyLoginRefreshLogoutAndReuseOfARotatedRefreshTokenEndsTheSession(CapturedOutput output) {
        String email = newEmail();
        Map<?, ?> created = register(email.toUpperCase());
        assertThat(created.get("email")).isEqualTo(email);
        assertThat(created.get("emailVerified")).isEqualTo(false);
        // the same address again, in any case, is a conflict
        http().post().uri("/api/auth/register").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", PASSWORD, "acceptTerms", true, "termsVersion", "2026-11"))
                .exchange().expectStatus().isEqualTo(409);

        String verification = mailedToken(output, email, "Verify");
        http().post().uri("/api/auth/verify-email").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("token", verification)).exchange().expectStatus().isOk();
        http().post().uri("/api/auth/verify-email").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("token", verification)).exchange().expectStatus().isBadRequest(); // single use

        Map<?, ?> first = login(email, PASSWORD, null, 200);
        assertThat(first.get("tokenType")).isEqualTo("Bearer");
        assertThat(((Number) first.get("expiresIn")).intValue()).isEqualTo(900);
        as((String) first.get("accessToken")).get().uri("/api/users/me").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.email").isEqualTo(email).jsonPath("$.emailVerified").isEqualTo(true)
                .jsonPath("$.roles[0]").isEqualTo("customer").jsonPath("$.profile.displayName").isEqualTo("Gem Fan")
                .jsonPath("$.passwordHash").doesNotExist();

        Map<?, ?> second = refresh((String) first.get("refreshToken"), 200);
        assertThat(second.get("refreshToken")).isNotEqualTo(first.get("refreshToken"));
        as((String) second.get("accessToken")).get().uri("/api/users/me").exchange().expectStatus().isOk();
        // the rotated-away token comes back: stolen. The whole family ends, including the newest token.
        assertThat(refresh((String) first.get("refreshToken"), 401).get("type"))
                .isEqualTo("https://glowglitch.dev/problems/refresh-token-reused");
        refresh((String) second.get("refreshToken"), 401);

        Map<?, ?> third = login(email, PASSWORD, null, 200);
        as((String) third.get("accessToken")).post().uri("/api/auth/logout").exchange().expectStatus().isNoContent();
        refresh((String) third.get("refreshToken"), 401);
    }

    @Test
    void twoFactorCodesAreRequiredSingleUseAndRecoveryCodesWorkOnce() {
        String email = newEmail();
        register(email);
        String token = accessToken(email);
        String uri = (String) as(token).post().uri("/api/auth/2fa/enroll").exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("otpauthUri");
        assertThat(uri).startsWith("otpauth://totp/GlowGlitch:").contains("issuer=GlowGlitch");
        String secret = secretOf(uri);
        long step = Totp.step(Instant.now());
        List<?> recovery = (List<?>) as(token).post().uri("/api/auth/2fa/confirm").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("code", Totp.code(secret, step))).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("recoveryCodes");
        assertThat(recovery).hasSize(10).doesNotHaveDuplicates();

        assertThat(login(email, PASSWORD, null, 401).get("type")).isEqualTo("https://glowglitch.dev/problems/mfa_required");
        String wrong = Totp.code(secret, step + 5);
        login(email, PASSWORD, wrong, 401);
        String next = Totp.code(secret, step + 1);
        login(email, PASSWORD, next, 200);
        login(email, PASSWORD, next, 401); // each code once
        login(email, PASSWORD, (String) recovery.get(3), 200);
        login(email, PASSWORD, (String) recovery.get(3), 401); // each recovery code once
    }

    @Test
    void rolesAreEnforcedAndOtherPeoplesAccountsAreInvisible() {
        String a = newEmail();
        String b = newEmail();
        register(a);
        String bId = (String) register(b).get("id");
        String tokenA = accessToken(a);
        as(tokenA).get().uri("/api/users").exchange().expectStatus().isForbidden();
        as(tokenA).post().uri("/api/users/{id}/disable", bId).exchange().expectStatus().isForbidden();
        as(tokenA).get().uri("/api/users/{id}", bId).exchange().expectStatus().isNotFound();

        String tokenB = accessToken(b);
        as(tokenB).get().uri("/api/users/{id}", bId).exchange().expectStatus().isOk();
        asAdmin().get().uri("/api/users/{id}", bId).exchange().expectStatus().isOk();
        asAdmin().get().uri("/api/users?q={q}", b.substring(0, 16)).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.items[0].id").isEqualTo(bId);
        asAdmin().put().uri("/api/users/{id}/roles", bId).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("roles", List.of("creator"))).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.roles[0]").isEqualTo("customer").jsonPath("$.roles[1]").isEqualTo("creator")
                .jsonPath("$.roles.length()").isEqualTo(2);
        asAdmin().put().uri("/api/users/{id}/roles", bId).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("roles", List.of("superuser"))).exchange().expectStatus().isBadRequest();

        // a disabled account's tokens stop working here at once, and it cannot log in or refresh
        Map<?, ?> session = login(b, PASSWORD, null, 200);
        asAdmin().post().uri("/api/users/{id}/disable", bId).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("disabled");
        as(tokenB).get().uri("/api/users/me").exchange().expectStatus().isUnauthorized();
        login(b, PASSWORD, null, 401);
        refresh((String) session.get("refreshToken"), 401);
        asAdmin().post().uri("/api/users/{id}/unlock", bId).exchange().expectStatus().isEqualTo(422);
    }

    @Test
    void consentChangesAreKeptAsHistoryAndAnnounced() {
        String email = newEmail();
        String id = (String) register(email).get("id");
        String token = accessToken(email);
        as(token).put().uri("/api/users/me/consent").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("marketingEmail", false, "analytics", true, "personalization", true, "policyVersion", "2026-12"))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.consent.analytics").isEqualTo(true);
        as(token).get().uri("/api/users/me/consent").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.history.length()").isEqualTo(2)
                .jsonPath("$.history[0].policyVersion").isEqualTo("2026-11")
                .jsonPath("$.current.policyVersion").isEqualTo("2026-12");
        as(token).patch().uri("/api/users/me").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("phone", "+14155550123", "dateOfBirth", "2001-04-05")).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.profile.phone").isEqualTo("+14155550123");
        org.bson.Document stored = mongo.findById(id, org.bson.Document.class, "users").block();
        assertThat(stored.get("profile", org.bson.Document.class).getString("phone")).startsWith("v1:").doesNotContain("4155550123");

        try (TopicReader reader = new TopicReader("identity.events")) {
            List<ConsumerRecord<byte[], byte[]>> mine = new java.util.ArrayList<>();
            long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (mine.size() < 3 && System.nanoTime() < end) {
                mine.clear();
                reader.await(Integer.MAX_VALUE, Duration.ofMillis(300)).stream()
                        .filter(r -> id.equals(TopicReader.header(r, "ce_subject"))).forEach(mine::add);
            }
            assertThat(mine).extracting(r -> TopicReader.header(r, "ce_type"))
                    .containsExactly("UserRegistered", "ConsentChanged", "ConsentChanged");
            // what we publish is what the contract promises downstream teams
            var contracts = new com.glowglitch.contracts.EventContracts();
            var json = tools.jackson.databind.json.JsonMapper.builder().build();
            assertThat(mine).allSatisfy(r -> assertThat(contracts.validate(TopicReader.header(r, "ce_type"),
                    json.readTree(TopicReader.value(r)))).isEmpty());
        }
    }

    @Test
    void badInputIsRefusedAndNothingIsWritten() {
        long before = mongo.count(new Query(), "users").block();
        for (Map<String, Object> body : List.<Map<String, Object>>of(
                Map.of("email", "not-an-email", "password", PASSWORD, "acceptTerms", true, "termsVersion", "v1"),
                Map.of("email", "\u0430dmin@glowglitch.local", "password", PASSWORD, "acceptTerms", true, "termsVersion", "v1"),
                Map.of("email", newEmail(), "password", "x".repeat(10_000), "acceptTerms", true, "termsVersion", "v1"),
                Map.of("email", newEmail(), "password", "short", "acceptTerms", true, "termsVersion", "v1"),
                Map.of("email", newEmail(), "password", PASSWORD, "acceptTerms", false, "termsVersion", "v1"),
                Map.of("email", Map.of("$ne", ""), "password", PASSWORD, "acceptTerms", true, "termsVersion", "v1"),
                Map.of("email", newEmail(), "password", PASSWORD, "acceptTerms", true, "termsVersion", "v1", "roles", List.of("admin")))) {
            http().post().uri("/api/auth/register").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                    .exchange().expectStatus().isBadRequest()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        }
        assertThat(mongo.count(new Query(), "users").block()).isEqualTo(before);
        http().post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "\u0430dmin@glowglitch.local", "password", PASSWORD)).exchange().expectStatus().isBadRequest();
    }

    @Test
    void guestsGetATokenButNoAccount() {
        Map<?, ?> guest = http().post().uri("/api/auth/guest").exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        String token = (String) guest.get("accessToken");
        assertThat(token).isNotBlank();
        assertThat(guest.containsKey("refreshToken")).isFalse();
        as(token).get().uri("/api/users/me").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void passwordsTokensAndSecretsNeverAppearInLogsEventsOrAnswers(CapturedOutput output) {
        String email = newEmail();
        String id = (String) register(email).get("id");
        String token = accessToken(email);
        String uri = (String) as(token).post().uri("/api/auth/2fa/enroll").exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("otpauthUri");
        String secret = secretOf(uri);
        String me = as(token).get().uri("/api/users/me").exchange().expectBody(String.class).returnResult().getResponseBody();
        login(email, "Wrong-Password-123", null, 401);

        assertThat(output.getAll()).doesNotContain(PASSWORD).doesNotContain("Wrong-Password-123").doesNotContain(secret);
        assertThat(me).doesNotContain(secret).doesNotContain("passwordHash").doesNotContain("$2a$");
        org.bson.Document stored = mongo.findById(id, org.bson.Document.class, "users").block();
        assertThat(stored.toJson()).doesNotContain(secret).doesNotContain(PASSWORD);
        try (TopicReader reader = new TopicReader("identity.events")) {
            List<ConsumerRecord<byte[], byte[]>> all = reader.await(Integer.MAX_VALUE, Duration.ofSeconds(3));
            assertThat(all).isNotEmpty().allSatisfy(r -> assertThat(TopicReader.value(r))
                    .doesNotContain(PASSWORD).doesNotContain(secret).doesNotContain(email).doesNotContain("$2a$"));
        }
    }

    private Map<?, ?> refresh(String refreshToken, int status) {
        return http().post().uri("/api/auth/refresh").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("refreshToken", refreshToken)).exchange().expectStatus().isEqualTo(status)
                .expectBody(Map.class).returnResult().getResponseBody();
    }
}
