package com.glowglitch.identity;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.http.MediaType;

import com.glowglitch.platform.test.ServiceTest;

/** Helpers for identity tests: accounts made through the public API, mail read from the log. */
abstract class IdentityTestSupport extends ServiceTest {

    @org.springframework.beans.factory.annotation.Autowired
    com.glowglitch.identity.token.TokenIssuer tokens;

    @Override
    protected String adminToken() {
        return OwnTokens.of(tokens, "admin", java.time.Duration.ofMinutes(5));
    }

    static final String PASSWORD = "Sparkle-Pass-2026";

    static String newEmail() {
        return "shopper-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    Map<?, ?> register(String email) {
        return http().post().uri("/api/auth/register").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", PASSWORD, "displayName", "Gem Fan", "acceptTerms", true,
                        "termsVersion", "2026-11", "consent", Map.of("marketingEmail", true, "analytics", false, "personalization", true)))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
    }

    Map<?, ?> login(String email, String password, String otp, int status) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("email", email, "password", password));
        if (otp != null) {
            body.put(otp.contains("-") ? "recoveryCode" : "otp", otp);
        }
        return http().post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isEqualTo(status).expectBody(Map.class).returnResult().getResponseBody();
    }

    String accessToken(String email) {
        return (String) login(email, PASSWORD, null, 200).get("accessToken");
    }

    /** The token of the last mail of this kind to this address, as the LoggingMailer wrote it. */
    static String mailedToken(CapturedOutput output, String email, String subjectStart) {
        Matcher m = Pattern.compile("MAIL to " + Pattern.quote(email) + " — " + subjectStart + "[^\\n]*\\n[^\\n]*token=([A-Za-z0-9_\\-]+)")
                .matcher(output.getAll());
        String token = null;
        while (m.find()) {
            token = m.group(1);
        }
        if (token == null) {
            throw new AssertionError("no '" + subjectStart + "' mail to " + email);
        }
        return token;
    }

    static String secretOf(String otpauthUri) {
        Matcher m = Pattern.compile("[?&]secret=([A-Z2-7]+)").matcher(URLDecoder.decode(otpauthUri, StandardCharsets.UTF_8));
        if (!m.find()) {
            throw new AssertionError("no secret in " + otpauthUri);
        }
        return m.group(1);
    }
}
