package com.glowglitch.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** The one door for the storefront: routing, resilience, CORS, request ids, the database admin API. */
@SpringBootApplication
@EnableConfigurationProperties({GatewayProperties.class, RateLimitProperties.class})
public class GatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(GatewayApplication.class, args);
    }
}
