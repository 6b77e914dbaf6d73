package com.glowglitch.identity.auth;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.glowglitch.identity.token.TokenIssuer.AccessToken;
import com.glowglitch.identity.token.TokenIssuer.TokenPair;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/auth")
public class AuthController {

    private final AccountService accounts;

    public AuthController(AccountService accounts) {
        this.accounts = accounts;
    }

    @PostMapping("/register")
    @Operation(summary = "Create a customer account; a verification link is mailed")
    public Mono<ResponseEntity<Map<String, Object>>> register(@Valid @RequestBody AuthRequests.Register body) {
        return accounts.register(body).map(u -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", u.getString("_id"));
            m.put("email", u.getString("email"));
            m.put("emailVerified", false);
            return ResponseEntity.created(URI.create("/api/users/" + u.getString("_id"))).body(m);
        });
    }

    @PostMapping("/verify-email")
    @Operation(summary = "Confirm an email address with the mailed token (single use, 24 h)")
    public Mono<Map<String, Object>> verifyEmail(@Valid @RequestBody AuthRequests.VerifyEmail body) {
        return accounts.verifyEmail(body.token()).thenReturn(Map.of("emailVerified", true));
    }

    @PostMapping("/login")
    @Operation(summary = "Email + password (+ otp or recoveryCode when 2FA is on) → access and refresh tokens")
    public Mono<TokenPair> login(@Valid @RequestBody AuthRequests.Login body) {
        return accounts.login(body);
    }

    @PostMapping("/refresh")
    @Operation(summary = "Rotate a refresh token: new access + refresh token; reusing an old one ends the session")
    public Mono<TokenPair> refresh(@Valid @RequestBody AuthRequests.Refresh body) {
        return accounts.refresh(body.refreshToken());
    }

    @PostMapping("/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "End the current session (its refresh token stops working)")
    public Mono<Void> logout(@AuthenticationPrincipal Jwt jwt) {
        String sid = jwt.getClaimAsString("sid");
        return sid == null ? Mono.empty() : accounts.logout(sid);
    }

    @PostMapping("/password/forgot")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Mail a reset link if the account exists (the answer is the same either way)")
    public Mono<Void> forgot(@Valid @RequestBody AuthRequests.ForgotPassword body) {
        return accounts.forgotPassword(body.email());
    }

    @PostMapping("/password/reset")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Set a new password with the mailed token; every session is ended")
    public Mono<Void> reset(@Valid @RequestBody AuthRequests.ResetPassword body) {
        return accounts.resetPassword(body.token(), body.password());
    }

    @PostMapping("/2fa/enroll")
    @Operation(summary = "Start two-factor enrollment: returns the otpauth:// URI for an authenticator app")
    public Mono<Map<String, String>> enroll(@AuthenticationPrincipal Jwt jwt) {
        return accounts.enrollTwoFactor(jwt.getSubject()).map(uri -> Map.of("otpauthUri", uri));
    }

    @PostMapping("/2fa/confirm")
    @Operation(summary = "Confirm enrollment with a first code: turns 2FA on and returns 10 single-use recovery codes, once")
    public Mono<Map<String, List<String>>> confirm(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody AuthRequests.Code body) {
        return accounts.confirmTwoFactor(jwt.getSubject(), body.code()).map(codes -> Map.of("recoveryCodes", codes));
    }

    @PostMapping("/2fa/disable")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Turn 2FA off (password and a current code required)")
    public Mono<Void> disable(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody AuthRequests.DisableTwoFactor body) {
        return accounts.disableTwoFactor(jwt.getSubject(), body.password(), body.code());
    }

    @PostMapping("/guest")
    @Operation(summary = "A guest token (role guest, no account) so a visitor can hold a cart")
    public Mono<Map<String, Object>> guest() {
        return accounts.guest().map(AuthController::guestView);
    }

    private static Map<String, Object> guestView(AccessToken t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("accessToken", t.accessToken());
        m.put("tokenType", t.tokenType());
        m.put("expiresIn", t.expiresIn());
        return m;
    }

}
