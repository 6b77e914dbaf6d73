package com.glowglitch.platform.config;

import java.time.Clock;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import com.glowglitch.platform.web.ProblemWebExceptionHandler;
import com.glowglitch.platform.web.RequestGuardFilter;

/** Web pieces every reactive app gets, the gateway included: problem+json errors and the request guard. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@EnableConfigurationProperties(PlatformProperties.class)
public class PlatformWebAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    ProblemWebExceptionHandler problemWebExceptionHandler() {
        return new ProblemWebExceptionHandler();
    }

    @Bean
    @ConditionalOnProperty(name = "glowglitch.web.guard-enabled", matchIfMissing = true)
    RequestGuardFilter requestGuardFilter(PlatformProperties props) {
        return new RequestGuardFilter(props.getWeb().getMaxBodyBytes());
    }
}
