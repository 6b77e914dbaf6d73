package com.glowglitch.platform.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.glowglitch.platform.migration.MigrationChecksumException;
import com.glowglitch.platform.migration.MigrationRunner;
import com.glowglitch.platform.test.TestInfrastructure;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;

import reactor.core.publisher.Mono;

/** A service whose applied migration file changed refuses to start, and says which file. */
class MigrationStartupIT {

    @Test
    void aChangedAppliedMigrationStopsStartUpWithAClearMessage() {
        String database = "startup_" + UUID.randomUUID().toString().substring(0, 8);
        String[] props = {
            "--spring.config.name=platform-it",
            "--server.port=0",
            "--spring.mongodb.uri=" + TestInfrastructure.mongoUri(),
            "--spring.mongodb.database=" + database,
            "--spring.cloud.stream.kafka.binder.brokers=" + TestInfrastructure.kafkaBootstrap(),
            "--spring.kafka.bootstrap-servers=" + TestInfrastructure.kafkaBootstrap(),
            "--spring.cloud.function.definition=",
        };
        // first start applies the migrations once
        try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(WidgetApp.class).run(props)) {
            assertThat(ctx.isRunning()).isTrue();
        }
        try (MongoClient client = MongoClients.create(TestInfrastructure.mongoUri())) {
            var migrations = client.getDatabase(database).getCollection(MigrationRunner.COLLECTION);
            assertThat(Mono.from(migrations.countDocuments()).block()).isEqualTo(2);
            Mono.from(migrations.updateOne(new Document("_id", "V002__widget_seq_default"),
                    new Document("$set", new Document("checksum", "f".repeat(64))))).block();
        }
        assertThatThrownBy(() -> new SpringApplicationBuilder(WidgetApp.class).run(props))
                .isInstanceOf(MigrationChecksumException.class)
                .hasMessageContaining("Migration V002__widget_seq_default was changed after it was applied");
    }
}
