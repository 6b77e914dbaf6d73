package com.glowglitch.platform.test;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;

/**
 * What every service owes from day one, whatever its features: health and readiness UP
 * against real MongoDB-wire and Kafka, Prometheus metrics with the platform's outbox gauges,
 * OpenAPI docs, the admin-only database endpoints, problem+json for unknown routes.
 * A service's test extends this with {@code @SpringBootTest(classes = ..., webEnvironment = RANDOM_PORT)}.
 */
public abstract class ServiceSmokeTest extends ServiceTest {

    @Value("${spring.application.name}")
    String service;

    @Test
    void healthAndReadinessAreUpAgainstTheRealStoreAndBroker() {
        http().get().uri("/actuator/health").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components.mongoPing.status").isEqualTo("UP");
        http().get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        asAdmin().get().uri("/admin/db/health").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.service").isEqualTo(service)
                .jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.mongodb.status").isEqualTo("UP")
                .jsonPath("$.kafka.status").isEqualTo("UP");
    }

    @Test
    void prometheusExposesPlatformMetrics() {
        String body = http().get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(body).contains("outbox_pending").contains("outbox_oldest_age_seconds")
                .contains("application=\"" + service + "\"");
    }

    @Test
    void databaseAdminEndpointsNeedTheAdminRole() {
        http().get().uri("/admin/db/metrics").exchange().expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        as(customerToken()).post().uri("/admin/db/seed").exchange().expectStatus().isForbidden();
        asAdmin().get().uri("/admin/db/metrics").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.service").isEqualTo(service)
                .jsonPath("$.pool").exists()
                .jsonPath("$.operations.total").exists()
                .jsonPath("$.collections").exists();
        asAdmin().post().uri("/admin/db/init").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.applied").isArray();
    }

    @Test
    void forgedTokensAreRefusedHereToo() {
        String admin = adminToken();
        asAdmin().get().uri("/admin/db/health").exchange().expectStatus().isOk();
        for (String forged : new String[] {TestInfrastructure.algNone(admin), TestInfrastructure.signedByAnotherKey(admin),
                expiredAdminToken(), TestInfrastructure.withTamperedRoles(customerToken()), "garbage.not.a-jwt"}) {
            as(forged).get().uri("/admin/db/health").exchange().expectStatus().isUnauthorized()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }

    @Test
    void aDisabledAccountsTokensAreRefusedHereOnceIdentitySaysSo() throws Exception {
        String token = revocableToken();
        String subject = com.nimbusds.jwt.SignedJWT.parse(token).getJWTClaimsSet().getSubject();
        // authenticated but nothing there: 404 while the token is good
        as(token).get().uri("/api/no-such-thing").exchange().expectStatus().isNotFound();
        String now = java.time.Instant.now().toString();
        // ce_time a second ahead: the token was surely issued before the account was disabled
        TestEvents.send(TestEvents.record("identity.events", subject, java.util.UUID.randomUUID().toString(), "UserDisabled",
                java.time.Instant.now().plusSeconds(1).toString(),
                "{\"userId\":\"" + subject + "\",\"disabledBy\":\"admin\",\"disabledAt\":\"" + now + "\"}"));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() ->
                as(token).get().uri("/api/no-such-thing").exchange().expectStatus().isUnauthorized());
    }

    /** A customer token for a fresh subject, to be revoked by the test above. */
    protected String revocableToken() {
        return customerToken();
    }

    @Test
    void openApiIsServedAndUnknownRoutesAreProblems() {
        http().get().uri("/v3/api-docs").exchange().expectStatus().isOk().expectBody().jsonPath("$.openapi").exists();
        asAdmin().get().uri("/api/no-such-thing").exchange().expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
