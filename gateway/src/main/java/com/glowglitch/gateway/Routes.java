package com.glowglitch.gateway;

import java.time.Duration;

import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.glowglitch.platform.resilience.Breakers;

import io.github.resilience4j.timelimiter.TimeLimiterConfig;

/**
 * One route per service, built from {@link GatewayProperties}: each has its own circuit breaker
 * (named after the service) and time limit, and falls back to a 503 problem naming the service.
 * The OpenAPI document of each service is routed under {@code /v3/api-docs/<service>} so the
 * gateway's Swagger UI shows them together.
 */
@Configuration
public class Routes {

    @Bean
    RouteLocator serviceRoutes(RouteLocatorBuilder builder, GatewayProperties props) {
        RouteLocatorBuilder.Builder routes = builder.routes();
        props.getServices().forEach((name, svc) -> {
            long timeoutMs = svc.getTimeout().toMillis();
            routes.route(name, r -> r.path(svc.getPaths().toArray(String[]::new))
                    .filters(f -> f.circuitBreaker(c -> c.setName(name).setFallbackUri("forward:/fallback/" + name)))
                    .metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, timeoutMs)
                    .metadata(RouteMetadataUtils.CONNECT_TIMEOUT_ATTR, 1000)
                    .uri(svc.getUrl()));
            routes.route(name + "-api-docs", r -> r.path("/v3/api-docs/" + name)
                    .filters(f -> f.setPath("/v3/api-docs"))
                    .uri(svc.getUrl()));
        });
        return routes.build();
    }

    /** Token buckets in Redis when {@code REDIS_URL} is set (shared by gateway instances), else in this process. */
    @Bean(destroyMethod = "close")
    Buckets rateLimitBuckets(@org.springframework.beans.factory.annotation.Value("${REDIS_URL:}") String redisUrl) {
        return redisUrl.isBlank() ? new Buckets.InProcess() : new Buckets.Redis(redisUrl);
    }

    /**
     * Per service: open the breaker when half of the last 20 calls failed, try again after 10 s. An
     * open breaker answers at once instead of piling up waiters. The time limit is the route's
     * response timeout (the breaker's own time limiter is off, see application.yml); the limiter
     * config below only applies if it is switched back on.
     */
    @Bean
    Customizer<ReactiveResilience4JCircuitBreakerFactory> perServiceBreakers(GatewayProperties props) {
        return factory -> props.getServices().forEach((name, svc) -> factory.configure(b -> b
                .timeLimiterConfig(TimeLimiterConfig.custom().timeoutDuration(svc.getTimeout().plusMillis(250)).build())
                .circuitBreakerConfig(Breakers.standard(Duration.ofSeconds(10)).build()), name));
    }

}
