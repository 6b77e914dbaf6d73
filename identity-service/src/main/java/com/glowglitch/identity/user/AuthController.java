package com.glowglitch.identity.user;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.glowglitch.identity.token.TokenIssuer;
import com.glowglitch.identity.token.TokenIssuer.AccessToken;
import com.glowglitch.platform.web.ApiException;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

@RestController
@RequestMapping("/api/auth")
public class AuthController {

    public record LoginRequest(@NotBlank @Email @Size(max = 254) String email, @NotBlank @Size(max = 128) String password) {
    }

    private final UserStore users;
    private final PasswordEncoder encoder;
    private final TokenIssuer tokens;
    /** Checked when the email is unknown, so both failures cost the same time. */
    private final String decoyHash;

    public AuthController(UserStore users, PasswordEncoder encoder, TokenIssuer tokens) {
        this.users = users;
        this.encoder = encoder;
        this.tokens = tokens;
        this.decoyHash = encoder.encode("decoy-password-for-timing");
    }

    @PostMapping("/login")
    @Operation(summary = "Exchange email and password for an access token")
    public Mono<AccessToken> login(@Valid @RequestBody LoginRequest body) {
        return users.findByEmail(body.email())
                .map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty())
                .flatMap(user -> Mono.fromCallable(() -> {
                            String hash = user.map(u -> u.getString("passwordHash")).orElse(decoyHash);
                            return encoder.matches(body.password(), hash) && user.isPresent()
                                    && "active".equals(user.get().getString("status"));
                        }).subscribeOn(Schedulers.boundedElastic())
                        .flatMap(ok -> {
                            if (!ok) {
                                return Mono.error(new ApiException(HttpStatus.UNAUTHORIZED, "invalid-credentials",
                                        "Unauthorized", "Email or password is wrong"));
                            }
                            org.bson.Document u = user.get();
                            @SuppressWarnings("unchecked")
                            List<String> roles = u.get("roles", List.class);
                            return users.recordLogin(u.getString("_id")).then(tokens.issue(u.getString("_id"), roles));
                        }));
    }
}
