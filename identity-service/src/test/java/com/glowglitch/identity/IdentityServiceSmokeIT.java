package com.glowglitch.identity;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import com.glowglitch.identity.token.TokenIssuer;
import com.glowglitch.platform.test.ServiceSmokeTest;

@SpringBootTest(classes = IdentityApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IdentityServiceSmokeIT extends ServiceSmokeTest {

    @Autowired
    TokenIssuer tokens;

    @Override
    protected String adminToken() {
        return OwnTokens.of(tokens, "admin", Duration.ofMinutes(5));
    }

    @Override
    protected String expiredAdminToken() {
        return OwnTokens.of(tokens, "admin", Duration.ofSeconds(-120));
    }

    @Override
    protected String customerToken() {
        return OwnTokens.of(tokens, "customer", Duration.ofMinutes(5));
    }
}
