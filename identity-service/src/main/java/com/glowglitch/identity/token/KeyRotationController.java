package com.glowglitch.identity.token;

import java.util.Map;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import reactor.core.publisher.Mono;

/** Admin-only (the platform guards {@code /admin/**}): rotate the token-signing key. */
@RestController
public class KeyRotationController {

    private final SigningKeys keys;

    public KeyRotationController(SigningKeys keys) {
        this.keys = keys;
    }

    @PostMapping("/admin/keys/rotate")
    @Operation(summary = "Sign new tokens with a fresh key; the previous key stays published until its tokens expire")
    public Mono<Map<String, String>> rotate() {
        return keys.rotate().map(kid -> Map.of("currentKeyId", kid));
    }
}
