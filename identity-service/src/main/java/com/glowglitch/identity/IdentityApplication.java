package com.glowglitch.identity;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The identity context: owns users (credentials, roles, lockout, 2FA, consent flags), signing_keys; publishes identity.events. */
@SpringBootApplication
public class IdentityApplication {

    public static void main(String[] args) {
        SpringApplication.run(IdentityApplication.class, args);
    }
}
