package com.glowglitch.identity.user;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bson.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.glowglitch.identity.auth.LoginAttempts;
import com.glowglitch.identity.auth.Sessions;
import com.glowglitch.identity.events.IdentityEvents;
import com.glowglitch.platform.crypto.FieldEncryptor;
import com.glowglitch.platform.events.OutboxEntry;
import com.glowglitch.platform.security.Roles;
import com.glowglitch.platform.web.ApiException;
import com.glowglitch.platform.web.CursorPage;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/users")
public class UserController {

    public record ProfileChange(
            @Size(min = 1, max = 60) @Pattern(regexp = "[^\\p{Cntrl}<>]*") String displayName,
            @Size(max = 500) @Pattern(regexp = "https://[^\\s<>\"]+", message = "must be an https URL") String avatarUrl,
            @Past LocalDate dateOfBirth,
            @Pattern(regexp = "\\+[1-9]\\d{6,14}", message = "must be an E.164 number like +14155550123") String phone) {
    }

    public record ConsentChange(@NotNull Boolean marketingEmail, @NotNull Boolean analytics, @NotNull Boolean personalization,
                                @NotBlank @Size(max = 20) @Pattern(regexp = "[A-Za-z0-9.\\-]+") String policyVersion) {
    }

    public record RoleChange(@NotEmpty @Size(max = 3) Set<@Pattern(regexp = "customer|creator|admin") String> roles) {
    }

    private final UserStore users;
    private final FieldEncryptor encryptor;
    private final Sessions sessions;
    private final LoginAttempts attempts;

    public UserController(UserStore users, FieldEncryptor encryptor, Sessions sessions, LoginAttempts attempts) {
        this.users = users;
        this.encryptor = encryptor;
        this.sessions = sessions;
        this.attempts = attempts;
    }

    // ---- the signed-in user ----

    @GetMapping("/me")
    @Operation(summary = "My account")
    public Mono<UserView> me(@AuthenticationPrincipal Jwt jwt) {
        return active(jwt).map(this::view);
    }

    @PatchMapping("/me")
    @Operation(summary = "Change my profile (phone is stored encrypted)")
    public Mono<UserView> patchMe(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody ProfileChange body) {
        Update u = new Update();
        if (body.displayName() != null) {
            u.set("profile.displayName", body.displayName().strip());
        }
        if (body.avatarUrl() != null) {
            u.set("profile.avatarUrl", body.avatarUrl());
        }
        if (body.dateOfBirth() != null) {
            u.set("profile.dateOfBirth", body.dateOfBirth().toString());
        }
        if (body.phone() != null) {
            u.set("profile.phone", encryptor.encrypt(body.phone()));
        }
        return active(jwt).flatMap(d -> users.change(activeById(d.getString("_id")), u)).map(this::view);
    }

    @GetMapping("/me/consent")
    @Operation(summary = "My consent flags and every past change")
    @SuppressWarnings("unchecked")
    public Mono<Map<String, Object>> myConsent(@AuthenticationPrincipal Jwt jwt) {
        return active(jwt).map(d -> {
            List<Document> history = d.get("consentHistory", List.class);
            return Map.of("current", UserView.consent(d.get("consent", Document.class)),
                    "history", history == null ? List.of() : history.stream().map(UserView::consent).toList());
        });
    }

    @PutMapping("/me/consent")
    @Operation(summary = "Set my consent flags (recorded with the policy version, kept as history; emits ConsentChanged)")
    public Mono<UserView> setConsent(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody ConsentChange body) {
        return active(jwt).flatMap(d -> {
            String id = d.getString("_id");
            var now = users.now();
            Document consent = new Document("marketingEmail", body.marketingEmail()).append("analytics", body.analytics())
                    .append("personalization", body.personalization()).append("policyVersion", body.policyVersion())
                    .append("changedAt", Date.from(now));
            OutboxEntry e = users.event("ConsentChanged", id, new IdentityEvents.ConsentChanged(id, body.marketingEmail(),
                    body.analytics(), body.personalization(), body.policyVersion(), now));
            return users.change(activeById(id), new Update().set("consent", consent).push("consentHistory").slice(-100).each(consent), e);
        }).map(this::view);
    }

    // ---- one user: the owner or an admin ----

    @GetMapping("/{id}")
    @Operation(summary = "One account (yourself, or anyone for admins)")
    public Mono<UserView> get(@PathVariable String id, @AuthenticationPrincipal Jwt jwt) {
        if (!id.equals(jwt.getSubject()) && !isAdmin(jwt)) {
            // another user's account does not exist as far as this caller can tell
            return Mono.error(ApiException.notFound("user " + id));
        }
        return users.findById(id).map(this::view).switchIfEmpty(Mono.error(ApiException.notFound("user " + id)));
    }

    // ---- admin ----

    @GetMapping
    @PreAuthorize("hasRole('admin')")
    @Operation(summary = "Find accounts by email prefix, newest first (admin)")
    public Mono<CursorPage<UserView>> search(@RequestParam(required = false) @Size(max = 254) String q,
                                             @RequestParam(required = false) Integer limit,
                                             @RequestParam(required = false) String cursor) {
        int n = CursorPage.limit(limit);
        CursorPage.TimeKey after = CursorPage.TimeKey.decode(cursor);
        return users.search(q, after == null ? null : after.time(), after == null ? null : after.id(), n + 1)
                .map(this::view).collectList()
                .map(items -> CursorPage.fromOverfetch(items, n, u -> new CursorPage.TimeKey(u.createdAt(), u.id()).encode()));
    }

    @PutMapping("/{id}/roles")
    @PreAuthorize("hasRole('admin')")
    @Operation(summary = "Set an account's roles (admin); emits UserRoleChanged")
    @SuppressWarnings("unchecked")
    public Mono<UserView> setRoles(@PathVariable String id, @Valid @RequestBody RoleChange body, @AuthenticationPrincipal Jwt admin) {
        List<String> roles = new ArrayList<>(new LinkedHashSet<>(body.roles()));
        if (!roles.contains(Roles.CUSTOMER)) {
            roles.add(0, Roles.CUSTOMER);
        }
        if (id.equals(admin.getSubject()) && !roles.contains(Roles.ADMIN)) {
            return Mono.error(ApiException.unprocessable("last-admin-guard", "admins cannot remove their own admin role"));
        }
        return existing(id).flatMap(d -> {
            List<String> previous = d.get("roles", List.class);
            OutboxEntry e = users.event("UserRoleChanged", id,
                    new IdentityEvents.UserRoleChanged(id, roles, previous, admin.getSubject(), users.now()));
            // guarded by the roles we read, so two admins cannot silently overwrite each other
            return users.change(Query.query(Criteria.where("_id").is(id).and("version").is(d.get("version"))),
                    new Update().set("roles", roles), e);
        }).switchIfEmpty(Mono.error(ApiException.conflict("stale", "the account changed meanwhile; retry"))).map(this::view);
    }

    @PostMapping("/{id}/lock")
    @PreAuthorize("hasRole('admin')")
    @Operation(summary = "Lock an account until unlocked (admin); its sessions end; emits UserLocked")
    public Mono<UserView> lock(@PathVariable String id, @AuthenticationPrincipal Jwt admin) {
        return transition(id, "active", "locked", new IdentityEvents.UserLocked(id, "admin", null, admin.getSubject(), users.now()),
                "UserLocked").flatMap(v -> sessions.revokeAll(id, "locked").thenReturn(v));
    }

    @PostMapping("/{id}/unlock")
    @PreAuthorize("hasRole('admin')")
    @Operation(summary = "Unlock an account, also clearing a failed-login lockout (admin); emits UserUnlocked")
    public Mono<UserView> unlock(@PathVariable String id, @AuthenticationPrincipal Jwt admin) {
        return existing(id).flatMap(d -> attempts.reset(d.getString("email"))
                .then(users.change(Query.query(Criteria.where("_id").is(id).and("status").in("active", "locked")),
                        new Update().set("status", "active"),
                        users.event("UserUnlocked", id, new IdentityEvents.UserUnlocked(id, admin.getSubject(), users.now())))))
                .switchIfEmpty(Mono.error(ApiException.unprocessable("invalid-transition", "a disabled or erased account cannot be unlocked")))
                .map(this::view);
    }

    @PostMapping("/{id}/disable")
    @PreAuthorize("hasRole('admin')")
    @Operation(summary = "Disable an account (admin); its sessions end; emits UserDisabled")
    public Mono<UserView> disable(@PathVariable String id, @AuthenticationPrincipal Jwt admin) {
        if (id.equals(admin.getSubject())) {
            return Mono.error(ApiException.unprocessable("last-admin-guard", "admins cannot disable themselves"));
        }
        return existing(id).flatMap(d -> users.change(Query.query(Criteria.where("_id").is(id).and("status").in("active", "locked")),
                        new Update().set("status", "disabled"),
                        users.event("UserDisabled", id, new IdentityEvents.UserDisabled(id, admin.getSubject(), users.now()))))
                .switchIfEmpty(Mono.error(ApiException.unprocessable("invalid-transition", "the account is already disabled or erased")))
                .flatMap(v -> sessions.revokeAll(id, "disabled").thenReturn(v))
                .map(this::view);
    }

    @PostMapping("/{id}/erase")
    @PreAuthorize("hasRole('admin')")
    @Operation(summary = "Anonymize an account (GDPR erasure; admin/internal); emits UserErased so every context forgets it")
    public Mono<UserView> erase(@PathVariable String id, @AuthenticationPrincipal Jwt admin) {
        if (id.equals(admin.getSubject())) {
            return Mono.error(ApiException.unprocessable("last-admin-guard", "admins cannot erase themselves"));
        }
        var now = users.now();
        Update anonymize = new Update().set("status", "erased").set("email", "erased-" + id + "@erased.invalid")
                .set("roles", List.of()).set("erasedAt", Date.from(now))
                .unset("passwordHash").unset("profile").unset("twoFactor").unset("verification").unset("passwordReset")
                .unset("consent").unset("consentHistory").unset("lastLoginAt");
        return existing(id).flatMap(d -> attempts.reset(d.getString("email"))
                        .then(users.change(Query.query(Criteria.where("_id").is(id).and("status").ne("erased")), anonymize,
                                users.event("UserErased", id, new IdentityEvents.UserErased(id, admin.getSubject(), now)))))
                .switchIfEmpty(Mono.error(ApiException.unprocessable("invalid-transition", "the account is already erased")))
                .flatMap(v -> sessions.revokeAll(id, "erased").thenReturn(v))
                .map(this::view);
    }

    private Mono<UserView> transition(String id, String from, String to, Object event, String type) {
        return existing(id).flatMap(d -> users.change(Query.query(Criteria.where("_id").is(id).and("status").is(from)),
                        new Update().set("status", to), users.event(type, id, event)))
                .switchIfEmpty(Mono.error(ApiException.unprocessable("invalid-transition",
                        "the account must be " + from + " to become " + to)))
                .map(this::view);
    }

    private Mono<Document> existing(String id) {
        return users.findById(id).switchIfEmpty(Mono.error(ApiException.notFound("user " + id)));
    }

    /** The caller's own account, which must still be active: tokens of disabled accounts stop here. */
    private Mono<Document> active(Jwt jwt) {
        return users.findById(jwt.getSubject()).filter(d -> "active".equals(d.getString("status")))
                .switchIfEmpty(Mono.error(new ApiException(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized",
                        "This account is not active")));
    }

    private static Query activeById(String id) {
        return Query.query(Criteria.where("_id").is(id).and("status").is("active"));
    }

    private static boolean isAdmin(Jwt jwt) {
        List<String> roles = jwt.getClaimAsStringList("roles");
        return roles != null && roles.contains(Roles.ADMIN);
    }

    private UserView view(Document d) {
        return UserView.of(d, encryptor);
    }
}
