package com.glowglitch.platform.test;

import java.time.Duration;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Base class of service integration tests: the service runs on a random port against the
 * shared real broker, store and JWKS of {@link TestInfrastructure}; tests talk HTTP to it.
 */
public abstract class ServiceTest {

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry);
    }

    protected WebTestClient http() {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(20)).build();
    }

    protected WebTestClient as(String token) {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(20))
                .defaultHeader("Authorization", "Bearer " + token).build();
    }

    protected WebTestClient asAdmin() {
        return as(adminToken());
    }

    /** A token with the admin role that this service accepts; the identity service overrides it. */
    protected String adminToken() {
        return TestInfrastructure.adminToken();
    }

    /** A correctly signed but expired admin token, as this service's token issuer would make it. */
    protected String expiredAdminToken() {
        return TestInfrastructure.expiredAdminToken();
    }

    /** A token with only the customer role that this service accepts. */
    protected String customerToken() {
        return TestInfrastructure.customerToken();
    }
}
