package com.glowglitch.identity.user;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

import com.glowglitch.platform.dbadmin.Seeder;
import com.glowglitch.platform.security.Roles;

import reactor.core.publisher.Mono;

/**
 * The first admin, from {@code ADMIN_EMAIL} / {@code ADMIN_PASSWORD}. Seeded at start-up and by
 * {@code /api/db/seed}; an existing account is never overwritten. The built-in defaults are for
 * local development only and are refused under the {@code prod} profile.
 */
@Component
public class AdminAccount implements Seeder {

    private static final Logger log = LoggerFactory.getLogger(AdminAccount.class);
    /** LOCAL-DEVELOPMENT ONLY credentials, printed in the README; refused in prod. */
    static final String LOCAL_DEV_PASSWORD = "LocalDev-Admin-Pass-1!";

    private final UserStore users;
    private final Passwords passwords;
    private final String email;
    private final String password;

    public AdminAccount(UserStore users, Passwords passwords, Environment env,
                        @Value("${ADMIN_EMAIL:admin@glowglitch.local}") String email,
                        @Value("${ADMIN_PASSWORD:" + LOCAL_DEV_PASSWORD + "}") String password) {
        if (env.acceptsProfiles(Profiles.of("prod")) && LOCAL_DEV_PASSWORD.equals(password)) {
            throw new IllegalStateException("ADMIN_PASSWORD must be set in the prod profile (the local-development default is refused)");
        }
        if (password.length() < 12) {
            throw new IllegalStateException("ADMIN_PASSWORD must be at least 12 characters");
        }
        this.users = users;
        this.passwords = passwords;
        this.email = email;
        this.password = password;
    }

    @Override
    public Mono<Result> seed() {
        return passwords.hash(password)
                .flatMap(hash -> users.createIfAbsent(email, hash, List.of(Roles.ADMIN, Roles.CUSTOMER)))
                .doOnNext(created -> {
                    if (created) {
                        log.info("created admin account {}", UserStore.normalizeEmail(email));
                    }
                })
                .map(created -> new Result("admin-user", created ? 1 : 0, created ? 0 : 1));
    }
}
