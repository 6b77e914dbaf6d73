package com.glowglitch.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import com.glowglitch.platform.test.MutableClock;
import com.glowglitch.platform.test.MutableClockConfig;

@SpringBootTest(classes = {IdentityApplication.class, MutableClockConfig.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LockoutIT extends IdentityTestSupport {


    @Autowired
    MutableClock clock;

    @Test
    void fiveFailuresLockTheEmailForFifteenMinutesWithTheSameAnswerWhetherItExistsOrNot() {
        String email = newEmail();
        register(email);
        for (int i = 0; i < 5; i++) {
            assertThat(login(email, "Wrong-Password-" + i, null, 401).get("type"))
                    .isEqualTo("https://glowglitch.dev/problems/invalid-credentials");
        }
        Map<?, ?> locked = http().post().uri("/api/auth/login").contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", PASSWORD)).exchange()
                .expectStatus().isEqualTo(429).expectHeader().exists("Retry-After")
                .expectBody(Map.class).returnResult().getResponseBody();

        String nobody = newEmail();
        for (int i = 0; i < 5; i++) {
            login(nobody, "Wrong-Password-" + i, null, 401);
        }
        Map<?, ?> lockedNobody = login(nobody, PASSWORD, null, 429);
        assertThat(lockedNobody.get("type")).isEqualTo(locked.get("type"));
        assertThat(lockedNobody.get("detail")).isEqualTo(locked.get("detail"));

        clock.advance(Duration.ofMinutes(14));
        login(email, PASSWORD, null, 429);
        clock.advance(Duration.ofMinutes(2));
        login(email, PASSWORD, null, 200);
    }

    @Test
    void anAdminCanLiftALockout() {
        String email = newEmail();
        String id = (String) register(email).get("id");
        for (int i = 0; i < 5; i++) {
            login(email, "Wrong-Password-" + i, null, 401);
        }
        login(email, PASSWORD, null, 429);
        asAdmin().post().uri("/api/users/{id}/unlock", id).exchange().expectStatus().isOk();
        login(email, PASSWORD, null, 200);

        // an admin lock holds until an admin unlocks
        asAdmin().post().uri("/api/users/{id}/lock", id).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("locked");
        assertThat(login(email, PASSWORD, null, 401).get("type")).isEqualTo("https://glowglitch.dev/problems/account-locked");
        clock.advance(Duration.ofHours(2));
        login(email, PASSWORD, null, 401);
        asAdmin().post().uri("/api/users/{id}/unlock", id).exchange().expectStatus().isOk();
        login(email, PASSWORD, null, 200);
    }

}
