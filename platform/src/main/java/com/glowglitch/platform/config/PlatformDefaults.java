package com.glowglitch.platform.config;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Twelve-factor defaults shared by every service, added with the lowest precedence so a
 * service's application.yml, environment variables and test properties all override them.
 * Keeping them here (not copied into nine application.yml files) is what keeps the
 * environment-variable contract of ARCHITECTURE "Configuration" identical everywhere.
 */
public class PlatformDefaults implements EnvironmentPostProcessor {

    static final String NAME = "glowglitchPlatformDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        Map<String, Object> d = new LinkedHashMap<>();
        // MongoDB: one server, one database per service derived from DATABASE_NAME.
        d.put("spring.mongodb.uri", "${MONGODB_URI:mongodb://localhost:27017}");
        d.put("spring.mongodb.database", "${SERVICE_DATABASE_NAME:${DATABASE_NAME:glowglitch}_${glowglitch.service.short-name:${spring.application.name}}}");
        d.put("glowglitch.mongo.pool-size", "${DB_POOL_SIZE:10}");
        d.put("glowglitch.mongo.timeout", "${DB_TIMEOUT:30000}");
        // the embedded store has no `hello` command; the platform's ping indicator replaces Boot's
        d.put("management.health.mongodb.enabled", "false");

        // Kafka through Spring Cloud Stream: acknowledged, idempotent, bounded waits so a dead
        // broker makes the outbox relay retry later instead of hanging for minutes.
        d.put("spring.kafka.bootstrap-servers", "${KAFKA_BOOTSTRAP_SERVERS:localhost:9092}");
        d.put("spring.cloud.stream.kafka.binder.brokers", "${KAFKA_BOOTSTRAP_SERVERS:localhost:9092}");
        d.put("spring.cloud.stream.kafka.binder.required-acks", "all");
        d.put("spring.cloud.stream.kafka.binder.producer-properties.enable.idempotence", "true");
        d.put("spring.cloud.stream.kafka.binder.producer-properties.max.block.ms", "5000");
        d.put("spring.cloud.stream.kafka.binder.producer-properties.request.timeout.ms", "5000");
        d.put("spring.cloud.stream.kafka.binder.producer-properties.delivery.timeout.ms", "10000");
        d.put("spring.cloud.stream.kafka.binder.producer-properties.linger.ms", "0");
        d.put("spring.cloud.stream.kafka.binder.consumer-properties.session.timeout.ms", "15000");
        d.put("spring.cloud.stream.kafka.default.producer.sync", "true");
        d.put("spring.cloud.stream.kafka.binder.health-timeout", "3");
        d.put("spring.cloud.stream.default.consumer.max-attempts", "4");
        d.put("spring.cloud.stream.default.consumer.back-off-initial-interval", "200");
        d.put("spring.cloud.stream.default.consumer.back-off-multiplier", "3.0");
        d.put("spring.cloud.stream.default.consumer.back-off-max-interval", "3000");
        // poison never gets better with retries: straight to the dead-letter topic
        d.put("spring.cloud.stream.default.consumer.retryable-exceptions.com.glowglitch.platform.events.PoisonEventException", "false");

        // Security: every service validates tokens against the identity service's JWKS.
        d.put("spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
                "${IDENTITY_JWKS_URI:http://localhost:8081/.well-known/jwks.json}");

        // Actuator: health groups for probes, Prometheus for SREs.
        d.put("management.endpoints.web.exposure.include", "health,info,prometheus,metrics");
        d.put("management.endpoint.health.probes.enabled", "true");
        d.put("management.endpoint.health.show-components", "always");
        d.put("management.endpoint.health.group.readiness.include", "readinessState,mongoPing");
        d.put("management.metrics.tags.application", "${spring.application.name}");
        d.put("management.metrics.distribution.percentiles-histogram.http.server.requests", "true");

        // ProblemWebExceptionHandler renders every error; Boot's advice would answer some in another shape
        d.put("spring.webflux.problemdetails.enabled", "false");
        d.put("server.error.include-stacktrace", "never");
        d.put("server.shutdown", "graceful");
        d.put("spring.lifecycle.timeout-per-shutdown-phase", "10s");
        d.put("springdoc.api-docs.path", "/v3/api-docs");
        d.put("springdoc.swagger-ui.path", "/swagger-ui.html");
        d.put("logging.pattern.level", "%5p [%X{traceId:-},%X{spanId:-}]");
        // LOCAL-DEVELOPMENT ONLY field-encryption key; FieldEncryptor refuses it under the prod profile.
        d.put("glowglitch.crypto.keys.local-dev", "${ENCRYPTION_KEY:bG9jYWwtZGV2LW9ubHktbm90LWEtc2VjcmV0LWtleSE=}");
        d.put("glowglitch.crypto.active-key-id", "${ENCRYPTION_ACTIVE_KEY_ID:local-dev}");
        env.getPropertySources().addLast(new MapPropertySource(NAME, d));
    }
}
