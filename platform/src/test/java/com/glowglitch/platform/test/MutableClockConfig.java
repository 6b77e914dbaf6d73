package com.glowglitch.platform.test;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Add to a test's classes to run the service on a {@link MutableClock} the test can move. */
@TestConfiguration
public class MutableClockConfig {

    @Bean
    @Primary
    public MutableClock clock() {
        return new MutableClock();
    }
}
