package com.glowglitch.identity.user;

import org.springframework.security.crypto.password.PasswordEncoder;

import com.glowglitch.platform.web.ApiException;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Password policy and hashing. bcrypt is deliberately slow (cost 10: tens of milliseconds), so
 * it runs on the bounded-elastic pool, never on an event loop. bcrypt reads at most 72 bytes;
 * we accept 12 to 128 characters and refuse longer input outright.
 */
public final class Passwords {

    public static final int MIN = 12;
    public static final int MAX = 128;

    private final PasswordEncoder encoder;

    public Passwords(PasswordEncoder encoder) {
        this.encoder = encoder;
    }

    public static void checkPolicy(String password) {
        if (password == null || password.length() < MIN || password.length() > MAX) {
            throw ApiException.badRequest("weak-password", "password must be " + MIN + " to " + MAX + " characters");
        }
        if (password.isBlank() || password.chars().distinct().count() < 5) {
            throw ApiException.badRequest("weak-password", "password is too simple");
        }
    }

    public Mono<String> hash(String password) {
        return Mono.fromCallable(() -> encoder.encode(password)).subscribeOn(Schedulers.boundedElastic());
    }

    public Mono<Boolean> matches(String password, String hash) {
        return Mono.fromCallable(() -> encoder.matches(password, hash)).subscribeOn(Schedulers.boundedElastic());
    }
}
