package com.glowglitch.platform.config;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.cloud.stream.binder.kafka.utils.DlqDestinationResolver;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.security.config.annotation.method.configuration.EnableReactiveMethodSecurity;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;

import com.glowglitch.platform.crypto.FieldEncryptor;
import com.glowglitch.platform.dbadmin.DbAdminController;
import com.glowglitch.platform.dbadmin.KafkaStatus;
import com.glowglitch.platform.dbadmin.Seeder;
import com.glowglitch.platform.dlt.DeadLetterController;
import com.glowglitch.platform.dlt.DeadLetters;
import com.glowglitch.platform.events.EventConsumers;
import com.glowglitch.platform.events.EventFactory;
import com.glowglitch.platform.events.EventPublisher;
import com.glowglitch.platform.events.EventValidator;
import com.glowglitch.platform.idempotency.IdempotentWrites;
import com.glowglitch.platform.migration.MigrationRunner;
import com.glowglitch.platform.mongo.MongoPingHealthIndicator;
import com.glowglitch.platform.mongo.SlowOperationLog;
import com.glowglitch.platform.outbox.Outbox;
import com.glowglitch.platform.outbox.OutboxRelay;
import com.glowglitch.platform.process.ParentProcessWatchdog;
import com.glowglitch.platform.security.PlatformSecurity;
import com.glowglitch.platform.security.Revocations;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * The wiring of a GlowGlitch service (anything with reactive MongoDB and Spring Cloud Stream
 * on the class path): Mongo settings and health, migrations, events, outbox relay, idempotency,
 * dead letters, security, field encryption and the per-service database admin endpoints.
 */
@AutoConfiguration(after = PlatformWebAutoConfiguration.class)
@ConditionalOnClass({ReactiveMongoTemplate.class, StreamBridge.class})
@EnableWebFluxSecurity
@EnableReactiveMethodSecurity
public class PlatformServiceAutoConfiguration {

    // ---- MongoDB ----

    @Bean
    SlowOperationLog slowOperationLog(PlatformProperties props) {
        return new SlowOperationLog(props.getMongo().getSlowOperationThreshold());
    }

    @Bean
    MongoClientSettingsBuilderCustomizer glowglitchMongoSettings(PlatformProperties props, SlowOperationLog slowLog) {
        PlatformProperties.Mongo m = props.getMongo();
        return b -> b
                .applyToConnectionPoolSettings(p -> p.maxSize(m.getPoolSize()).maxWaitTime(m.getTimeout(), TimeUnit.MILLISECONDS))
                .applyToClusterSettings(c -> c.serverSelectionTimeout(m.getTimeout(), TimeUnit.MILLISECONDS))
                .applyToSocketSettings(s -> s.connectTimeout((int) Math.min(m.getTimeout(), 10_000), TimeUnit.MILLISECONDS)
                        .readTimeout((int) m.getTimeout(), TimeUnit.MILLISECONDS))
                .retryWrites(true)
                .retryReads(true)
                .addCommandListener(slowLog);
    }

    @Bean(name = "mongoPingHealthIndicator")
    MongoPingHealthIndicator mongoPing(ReactiveMongoTemplate mongo) {
        return new MongoPingHealthIndicator(mongo, Duration.ofSeconds(3));
    }

    @Bean
    MigrationRunner migrationRunner(ReactiveMongoTemplate mongo, Clock clock,
                                    @Value("${glowglitch.migrations.location:classpath*:db/migrations}") String location) {
        return new MigrationRunner(mongo, location, clock);
    }

    /** Migrations run before the service takes traffic; a changed checksum fails start-up. */
    @Bean
    @ConditionalOnProperty(name = "glowglitch.migrations.run-on-startup", matchIfMissing = true)
    ApplicationRunner migrateOnStartup(MigrationRunner runner) {
        return args -> runner.migrate().block(Duration.ofMinutes(2));
    }

    @Bean
    IdempotentWrites idempotentWrites(ReactiveMongoTemplate mongo) {
        return new IdempotentWrites(mongo);
    }

    // ---- events ----

    @Bean
    EventFactory eventFactory(JsonMapper json, Clock clock, @Value("${spring.application.name}") String app) {
        return new EventFactory(json, clock, app);
    }

    @Bean
    EventPublisher eventPublisher(StreamBridge bridge) {
        return new EventPublisher(bridge);
    }

    @Bean
    EventConsumers eventConsumers(JsonMapper json, ObjectProvider<EventValidator> validator, PlatformProperties props) {
        return new EventConsumers(json, validator.getIfAvailable(() -> EventValidator.NONE),
                props.getEvents().getHandlerTimeout());
    }

    @Bean
    OutboxRelay outboxRelay(ReactiveMongoTemplate mongo, EventPublisher publisher, PlatformProperties props,
                            Clock clock, MeterRegistry meters) {
        PlatformProperties.Outbox o = props.getOutbox();
        List<String> collections = o.isEnabled() ? o.getCollections() : List.of();
        return new OutboxRelay(mongo, publisher, collections, o.getPollInterval(), o.getBatchSize(), o.getParallelism(), clock, meters);
    }

    @Bean
    Outbox outbox(OutboxRelay relay) {
        return new Outbox(relay);
    }

    /** Every consumer binding with {@code enable-dlq} dead-letters to {@code <topic>.DLT}. */
    @Bean
    DlqDestinationResolver deadLetterTopicPerTopic() {
        return (record, exception) -> record.topic() + ".DLT";
    }

    @Bean
    DeadLetters deadLetters(@Value("${spring.cloud.stream.kafka.binder.brokers}") String brokers,
                            @Value("${spring.application.name}") String app, PlatformProperties props, MeterRegistry meters) {
        return new DeadLetters(brokers, app, props.getEvents().getConsumes(), Duration.ofSeconds(15), meters);
    }

    @Bean
    DeadLetterController deadLetterController(DeadLetters deadLetters) {
        return new DeadLetterController(deadLetters);
    }

    // ---- database admin ----

    @Bean
    KafkaStatus kafkaStatus(@Value("${spring.cloud.stream.kafka.binder.brokers}") String brokers) {
        return new KafkaStatus(brokers, Duration.ofSeconds(3));
    }

    @Bean
    DbAdminController dbAdminController(@Value("${spring.application.name}") String app, ReactiveMongoTemplate mongo,
                                        MigrationRunner migrations, ObjectProvider<Seeder> seeders, KafkaStatus kafka,
                                        SlowOperationLog slowLog, MeterRegistry meters, MongoPingHealthIndicator mongoPing) {
        return new DbAdminController(app, mongo, migrations, seeders.orderedStream().toList(), kafka, slowLog, meters,
                mongoPing);
    }

    // ---- security ----

    @Bean
    Revocations revocations(@Value("${spring.cloud.stream.kafka.binder.brokers}") String brokers,
                            @Value("${spring.application.name}") String app) {
        return new Revocations(brokers, app);
    }

    /**
     * Tokens are verified against the identity service's JWKS, then checked for expiry and for
     * revocation (disabled, admin-locked or erased accounts).
     */
    @Bean
    @ConditionalOnMissingBean(ReactiveJwtDecoder.class)
    ReactiveJwtDecoder jwtDecoder(@Value("${spring.security.oauth2.resourceserver.jwt.jwk-set-uri}") String jwks,
                                  Revocations revocations) {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(jwks).build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefault(), revocations));
        return decoder;
    }

    @Bean
    @ConditionalOnMissingBean(SecurityWebFilterChain.class)
    SecurityWebFilterChain platformSecurityChain(ServerHttpSecurity http, PlatformProperties props,
                                                 ObjectProvider<ReactiveJwtDecoder> decoder) {
        return PlatformSecurity.chain(http, props.getSecurity().getPublicPaths(), decoder.getIfAvailable());
    }

    @Bean
    FieldEncryptor fieldEncryptor(PlatformProperties props, Environment env) {
        return new FieldEncryptor(props.getCrypto().getKeys(), props.getCrypto().getActiveKeyId(),
                env.acceptsProfiles(Profiles.of("prod")));
    }

    // ---- process ----

    @Bean
    ApplicationListener<ApplicationReadyEvent> parentProcessWatchdog(Environment env) {
        return e -> ParentProcessWatchdog.watch(e.getApplicationContext(), env.getProperty("GLOWGLITCH_PARENT_PID"));
    }
}
