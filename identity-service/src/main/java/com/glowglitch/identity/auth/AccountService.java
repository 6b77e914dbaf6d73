package com.glowglitch.identity.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Service;

import com.glowglitch.identity.events.IdentityEvents;
import com.glowglitch.identity.token.TokenIssuer;
import com.glowglitch.identity.token.TokenIssuer.AccessToken;
import com.glowglitch.identity.token.TokenIssuer.TokenPair;
import com.glowglitch.identity.twofactor.Totp;
import com.glowglitch.identity.user.Emails;
import com.glowglitch.identity.user.Passwords;
import com.glowglitch.identity.user.UserStore;
import com.glowglitch.platform.crypto.FieldEncryptor;
import com.glowglitch.platform.events.OutboxEntry;
import com.glowglitch.platform.security.Roles;
import com.glowglitch.platform.web.ApiException;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Registration, verification, login (with lockout and second factor), sessions, password reset, 2FA. */
@Service
public class AccountService {

    private static final Duration VERIFICATION_TTL = Duration.ofHours(24);
    private static final Duration RESET_TTL = Duration.ofHours(1);
    private static final int RECOVERY_CODES = 10;

    private final UserStore users;
    private final Passwords passwords;
    private final LoginAttempts attempts;
    private final Sessions sessions;
    private final TokenIssuer tokens;
    private final Mailer mailer;
    private final FieldEncryptor encryptor;
    private final String publicUrl;
    private final Duration guestTtl;
    /** Recovery codes are random but short, so they get a (cheaper) slow hash too. */
    private final BCryptPasswordEncoder recoveryHasher = new BCryptPasswordEncoder(6);
    /** Checked when the email is unknown, so both failures cost the same time. */
    private final Mono<String> decoyHash;

    public AccountService(UserStore users, Passwords passwords, LoginAttempts attempts, Sessions sessions,
                          TokenIssuer tokens, Mailer mailer, FieldEncryptor encryptor,
                          @Value("${glowglitch.identity.public-url:http://localhost:8080}") String publicUrl,
                          @Value("${glowglitch.identity.guest-token-ttl:30d}") Duration guestTtl) {
        this.users = users;
        this.passwords = passwords;
        this.attempts = attempts;
        this.sessions = sessions;
        this.tokens = tokens;
        this.mailer = mailer;
        this.encryptor = encryptor;
        this.publicUrl = publicUrl;
        this.guestTtl = guestTtl;
        this.decoyHash = passwords.hash("decoy-password-for-timing-" + UUID.randomUUID()).cache();
    }

    // ---- registration and verification ----

    public Mono<Document> register(AuthRequests.Register r) {
        String email = checkedEmail(r.email());
        Passwords.checkPolicy(r.password());
        return passwords.hash(r.password()).flatMap(hash -> {
            Instant now = users.now();
            String id = UUID.randomUUID().toString();
            String verification = Tokens.random();
            AuthRequests.Consent c = r.consent() != null ? r.consent() : new AuthRequests.Consent(false, false, false);
            Document consent = new Document("marketingEmail", c.marketingEmail()).append("analytics", c.analytics())
                    .append("personalization", c.personalization()).append("policyVersion", r.termsVersion())
                    .append("changedAt", Date.from(now));
            Document user = new Document("_id", id).append("email", email).append("passwordHash", hash)
                    .append("roles", List.of(Roles.CUSTOMER)).append("status", "active").append("emailVerified", false)
                    .append("verification", new Document("tokenHash", Tokens.hash(verification))
                            .append("expiresAt", Date.from(now.plus(VERIFICATION_TTL))))
                    .append("profile", new Document("displayName", r.displayName() == null ? null : r.displayName().strip()))
                    .append("consent", consent).append("consentHistory", List.of(consent))
                    .append("termsVersion", r.termsVersion()).append("termsAcceptedAt", Date.from(now))
                    .append("createdAt", Date.from(now)).append("updatedAt", Date.from(now)).append("version", 1L);
            List<OutboxEntry> events = new ArrayList<>();
            events.add(users.event("UserRegistered", id, new IdentityEvents.UserRegistered(id, List.of(Roles.CUSTOMER),
                    r.termsVersion(), now)));
            events.add(users.event("ConsentChanged", id, new IdentityEvents.ConsentChanged(id, c.marketingEmail(),
                    c.analytics(), c.personalization(), r.termsVersion(), now)));
            return users.insert(user, events.toArray(OutboxEntry[]::new))
                    .doOnSuccess(d -> mailer.send(email, "Verify your GlowGlitch email",
                            "Welcome! Confirm your address: " + publicUrl + "/verify-email?token=" + verification
                                    + "\n(POST /api/auth/verify-email {\"token\": \"" + verification + "\"}; valid 24 hours)"));
        });
    }

    public Mono<Void> verifyEmail(String token) {
        Instant now = users.now();
        Query q = Query.query(Criteria.where("verification.tokenHash").is(Tokens.hash(token))
                .and("verification.expiresAt").gt(Date.from(now)));
        return users.change(q, new Update().set("emailVerified", true).set("emailVerifiedAt", Date.from(now)).unset("verification"))
                .switchIfEmpty(Mono.error(ApiException.badRequest("invalid-token",
                        "This verification link is invalid, used or expired")))
                .then();
    }

    // ---- login and sessions ----

    public Mono<TokenPair> login(AuthRequests.Login r) {
        String email = checkedEmail(r.email());
        Instant now = users.now();
        return attempts.state(email).flatMap(state -> {
            if (state.lockedAt(now)) {
                long seconds = Math.max(1, Duration.between(now, state.lockedUntil()).toSeconds());
                return Mono.error(new ApiException(HttpStatus.TOO_MANY_REQUESTS, "login-locked", "Too many failed logins",
                        "Too many failed logins for this email; try again in " + ((seconds + 59) / 60) + " minute(s)",
                        Map.of("retryAfter", seconds)));
            }
            return users.findByEmail(email).map(Optional::of).defaultIfEmpty(Optional.empty())
                    .flatMap(user -> checkPassword(r.password(), user)
                            .flatMap(ok -> ok ? afterPassword(email, user.get(), r, now)
                                    : failed(email, user.orElse(null), "bad-password", now)));
        });
    }

    private Mono<Boolean> checkPassword(String password, Optional<Document> user) {
        if (user.isEmpty()) {
            return decoyHash.flatMap(h -> passwords.matches(password, h)).thenReturn(false);
        }
        return passwords.matches(password, user.get().getString("passwordHash"));
    }

    private Mono<TokenPair> afterPassword(String email, Document user, AuthRequests.Login r, Instant now) {
        String status = user.getString("status");
        if ("disabled".equals(status) || "erased".equals(status)) {
            return failed(email, user, "disabled", now);
        }
        if ("locked".equals(status)) {
            return Mono.error(new ApiException(HttpStatus.UNAUTHORIZED, "account-locked", "Unauthorized",
                    "This account is locked; contact support"));
        }
        Document tf = user.get("twoFactor", Document.class);
        if (tf == null || !tf.getBoolean("enabled", false)) {
            return succeed(email, user);
        }
        if (r.otp() == null && r.recoveryCode() == null) {
            return Mono.error(new ApiException(HttpStatus.UNAUTHORIZED, "mfa_required", "Second factor required",
                    "This account uses two-factor authentication: send the 6-digit code as otp, or a recovery code"));
        }
        Mono<Boolean> second = r.otp() != null ? useTotp(user, tf, r.otp(), now) : useRecoveryCode(user, tf, r.recoveryCode());
        return second.flatMap(ok -> ok ? succeed(email, user) : failed(email, user, "bad-second-factor", now));
    }

    /** A code is valid within ±1 step and only once: the step is recorded with a guard on the last one used. */
    private Mono<Boolean> useTotp(Document user, Document tf, String code, Instant now) {
        long step = Totp.matchingStep(encryptor.decrypt(tf.getString("secret")), code, now);
        if (step < 0) {
            return Mono.just(false);
        }
        Query unused = Query.query(Criteria.where("_id").is(user.getString("_id"))
                .and("twoFactor.lastUsedStep").lt(step));
        return users.change(unused, new Update().set("twoFactor.lastUsedStep", step)).hasElement();
    }

    @SuppressWarnings("unchecked")
    private Mono<Boolean> useRecoveryCode(Document user, Document tf, String code) {
        List<String> hashes = (List<String>) tf.get("recoveryCodes", List.class);
        String normalized = code.trim().toUpperCase();
        return Mono.fromCallable(() -> hashes == null ? null
                        : hashes.stream().filter(h -> recoveryHasher.matches(normalized, h)).findFirst().orElse(null))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(hash -> users.change(Query.query(Criteria.where("_id").is(user.getString("_id"))
                                .and("twoFactor.recoveryCodes").is(hash)),
                        new Update().pull("twoFactor.recoveryCodes", hash)).hasElement())
                .defaultIfEmpty(false);
    }

    @SuppressWarnings("unchecked")
    private Mono<TokenPair> succeed(String email, Document user) {
        String id = user.getString("_id");
        List<String> roles = user.get("roles", List.class);
        return attempts.reset(email)
                .then(sessions.open(id))
                .flatMap(s -> tokens.issue(id, roles, s.sessionId(), Duration.ofMinutes(15))
                        .map(a -> pair(a, s.refreshToken(), s.expiresAt())))
                .flatMap(p -> users.recordLogin(id).thenReturn(p));
    }

    private Mono<TokenPair> failed(String email, Document user, String reason, Instant now) {
        return attempts.fail(email).flatMap(state -> {
            Mono<?> events = Mono.empty();
            if (user != null) {
                String id = user.getString("_id");
                List<OutboxEntry> entries = new ArrayList<>();
                entries.add(users.event("UserLoginFailed", id,
                        new IdentityEvents.UserLoginFailed(id, reason, state.failures(), now)));
                if (state.lockedAt(now)) {
                    entries.add(users.event("UserLocked", id,
                            new IdentityEvents.UserLocked(id, "too-many-failed-logins", state.lockedUntil(), "system", now)));
                }
                events = users.change(UserStore.byId(id), new Update(), entries.toArray(OutboxEntry[]::new));
            }
            return events.then(Mono.error(new ApiException(HttpStatus.UNAUTHORIZED, "invalid-credentials", "Unauthorized",
                    "Email, password or code is wrong")));
        });
    }

    @SuppressWarnings("unchecked")
    public Mono<TokenPair> refresh(String refreshToken) {
        return sessions.rotate(refreshToken).flatMap(r -> users.findById(r.userId())
                .filter(u -> "active".equals(u.getString("status")))
                .switchIfEmpty(sessions.revoke(r.sessionId(), "account-inactive").then(Mono.error(
                        new ApiException(HttpStatus.UNAUTHORIZED, "invalid-refresh-token", "Unauthorized",
                                "The refresh token is not valid; please log in again"))))
                .flatMap(u -> tokens.issue(r.userId(), (List<String>) u.get("roles", List.class), r.sessionId(),
                        Duration.ofMinutes(15)))
                .map(a -> pair(a, r.refreshToken(), r.expiresAt())));
    }

    public Mono<Void> logout(String sessionId) {
        return sessions.revoke(sessionId, "logout");
    }

    public Mono<AccessToken> guest() {
        return tokens.issue("guest-" + UUID.randomUUID(), List.of(Roles.GUEST), UUID.randomUUID().toString(), guestTtl);
    }

    private TokenPair pair(AccessToken a, String refresh, Instant refreshExpires) {
        return new TokenPair(a.accessToken(), a.tokenType(), a.expiresIn(), refresh,
                Math.max(0, Duration.between(users.now(), refreshExpires).toSeconds()));
    }

    // ---- password reset ----

    public Mono<Void> forgotPassword(String rawEmail) {
        if (!Emails.valid(rawEmail)) {
            return Mono.empty(); // same answer as for an unknown address
        }
        String email = Emails.normalize(rawEmail);
        String token = Tokens.random();
        Instant now = users.now();
        Query q = Query.query(Criteria.where("email").is(email).and("status").in("active", "locked"));
        return users.change(q, new Update().set("passwordReset", new Document("tokenHash", Tokens.hash(token))
                        .append("expiresAt", Date.from(now.plus(RESET_TTL)))))
                .doOnNext(u -> mailer.send(email, "Reset your GlowGlitch password",
                        "Choose a new password: " + publicUrl + "/reset-password?token=" + token + " (valid 1 hour)"))
                .then();
    }

    public Mono<Void> resetPassword(String token, String password) {
        Passwords.checkPolicy(password);
        Instant now = users.now();
        Query q = Query.query(Criteria.where("passwordReset.tokenHash").is(Tokens.hash(token))
                .and("passwordReset.expiresAt").gt(Date.from(now)));
        return passwords.hash(password)
                .flatMap(hash -> users.change(q, new Update().set("passwordHash", hash).set("passwordChangedAt", Date.from(now))
                        .unset("passwordReset")))
                .switchIfEmpty(Mono.error(ApiException.badRequest("invalid-token", "This reset link is invalid, used or expired")))
                .flatMap(u -> sessions.revokeAll(u.getString("_id"), "password-reset").then(attempts.reset(u.getString("email"))));
    }

    // ---- two-factor ----

    public Mono<String> enrollTwoFactor(String userId) {
        return activeUser(userId).flatMap(u -> {
            Document tf = u.get("twoFactor", Document.class);
            if (tf != null && tf.getBoolean("enabled", false)) {
                return Mono.error(ApiException.conflict("2fa-already-enabled", "two-factor authentication is already on"));
            }
            String secret = Totp.newSecret();
            return users.change(UserStore.byId(userId), new Update().set("twoFactor.pendingSecret", encryptor.encrypt(secret))
                            .set("twoFactor.enabled", false))
                    .thenReturn(Totp.uri("GlowGlitch", u.getString("email"), secret));
        });
    }

    public Mono<List<String>> confirmTwoFactor(String userId, String code) {
        Instant now = users.now();
        return activeUser(userId).flatMap(u -> {
            Document tf = u.get("twoFactor", Document.class);
            String pending = tf == null ? null : tf.getString("pendingSecret");
            if (pending == null) {
                return Mono.error(ApiException.unprocessable("2fa-not-enrolling", "start with /api/auth/2fa/enroll"));
            }
            long step = Totp.matchingStep(encryptor.decrypt(pending), code, now);
            if (step < 0) {
                return Mono.error(new ApiException(HttpStatus.UNAUTHORIZED, "invalid-code", "Unauthorized", "The code is wrong"));
            }
            List<String> codes = new ArrayList<>();
            for (int i = 0; i < RECOVERY_CODES; i++) {
                String c = Tokens.random().replaceAll("[^A-Za-z0-9]", "").toUpperCase().substring(0, 10);
                codes.add(c.substring(0, 5) + "-" + c.substring(5));
            }
            return Flux.fromIterable(codes).map(recoveryHasher::encode).collectList().subscribeOn(Schedulers.boundedElastic())
                    .flatMap(hashes -> users.change(Query.query(Criteria.where("_id").is(userId)
                                    .and("twoFactor.pendingSecret").is(pending)),
                            new Update().set("twoFactor.enabled", true).set("twoFactor.secret", pending)
                                    .unset("twoFactor.pendingSecret").set("twoFactor.lastUsedStep", step)
                                    .set("twoFactor.recoveryCodes", hashes).set("twoFactor.enabledAt", Date.from(now))))
                    .switchIfEmpty(Mono.error(ApiException.conflict("2fa-changed", "enrollment changed meanwhile; enroll again")))
                    .thenReturn(codes);
        });
    }

    public Mono<Void> disableTwoFactor(String userId, String password, String code) {
        Instant now = users.now();
        return activeUser(userId).flatMap(u -> passwords.matches(password, u.getString("passwordHash")).flatMap(ok -> {
            Document tf = u.get("twoFactor", Document.class);
            if (!ok || tf == null || !tf.getBoolean("enabled", false)) {
                return Mono.error(new ApiException(HttpStatus.UNAUTHORIZED, "invalid-credentials", "Unauthorized",
                        "Password or code is wrong"));
            }
            return useTotp(u, tf, code, now).flatMap(valid -> valid
                    ? users.change(UserStore.byId(userId), new Update().unset("twoFactor")).then()
                    : Mono.error(new ApiException(HttpStatus.UNAUTHORIZED, "invalid-credentials", "Unauthorized",
                    "Password or code is wrong")));
        }));
    }

    private Mono<Document> activeUser(String userId) {
        return users.findById(userId).filter(u -> "active".equals(u.getString("status")))
                .switchIfEmpty(Mono.error(new ApiException(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized",
                        "This account is not active")));
    }

    private static String checkedEmail(String email) {
        if (!Emails.valid(email)) {
            throw ApiException.badRequest("invalid-email", "email must be a plain ASCII address like name@example.com");
        }
        return Emails.normalize(email);
    }
}
