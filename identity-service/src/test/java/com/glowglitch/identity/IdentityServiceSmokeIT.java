package com.glowglitch.identity;

import java.util.List;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import com.glowglitch.identity.token.TokenIssuer;
import com.glowglitch.platform.test.ServiceSmokeTest;

/** The identity service trusts only the keys it signs with, so the smoke test uses its own tokens. */
@SpringBootTest(classes = IdentityApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IdentityServiceSmokeIT extends ServiceSmokeTest {

    @Autowired
    TokenIssuer tokens;

    @Override
    protected String adminToken() {
        return tokens.issue("admin-" + UUID.randomUUID(), List.of("admin")).block().accessToken();
    }

    @Override
    protected String customerToken() {
        return tokens.issue("customer-" + UUID.randomUUID(), List.of("customer")).block().accessToken();
    }
}
