package com.glowglitch.identity.config;

import java.time.Duration;

import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import com.glowglitch.identity.token.SigningKeys;
import com.glowglitch.identity.user.AdminAccount;
import com.glowglitch.identity.user.Passwords;
import com.glowglitch.platform.security.Revocations;

import reactor.core.publisher.Flux;

@Configuration
public class IdentityConfig {

    /** bcrypt, cost 10 (~60-80 ms on one core here): slow for guessers, fine for one login. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder(10);
    }

    @Bean
    Passwords passwords(PasswordEncoder encoder) {
        return new Passwords(encoder);
    }

    /** The identity service verifies tokens with its own keys instead of fetching its own JWKS over HTTP. */
    @Bean
    ReactiveJwtDecoder jwtDecoder(SigningKeys keys, Revocations revocations) {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder
                .withJwkSource(jwt -> keys.publicKeys().flatMapMany(set -> Flux.fromIterable(set.getKeys())))
                .build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefault(), revocations));
        return decoder;
    }

    /** Creates the admin account as soon as the service is up (also available through /api/db/seed). */
    @Bean
    ApplicationRunner seedAdmin(AdminAccount admin) {
        return args -> admin.seed().block(Duration.ofSeconds(30));
    }
}
