package com.glowglitch.platform.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

class MigrationRunnerTest {

    MongoServer server;
    MongoClient client;
    ReactiveMongoTemplate mongo;
    MigrationRunner runner;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        client = MongoClients.create("mongodb://" + hostPort(server.getLocalAddress()));
        mongo = new ReactiveMongoTemplate(client, "migrations_test");
        runner = new MigrationRunner(mongo, "classpath*:db/migrations-it", Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdown();
    }

    @Test
    void appliesEachMigrationOnceInOrderAndRecordsIt() {
        mongo.insert(new Document("_id", "w1").append("name", "old widget"), "widgets").block();

        MigrationRunner.Result first = runner.migrate().block();
        assertThat(first.applied()).containsExactly("V001__widget_indexes", "V002__widget_seq_default");
        assertThat(first.alreadyApplied()).isEmpty();
        assertThat(mongo.findById("w1", Document.class, "widgets").block().getInteger("seq")).isZero();
        List<Document> recorded = mongo.findAll(Document.class, MigrationRunner.COLLECTION).collectList().block();
        assertThat(recorded).hasSize(2).allSatisfy(d -> {
            assertThat(d.getString("checksum")).hasSize(64);
            assertThat(d.get("appliedAt")).isNotNull();
        });

        // the second run changes nothing: the data migration is not re-applied
        mongo.updateFirst(Query.query(Criteria.where("_id").is("w1")), new Update().set("seq", 7), "widgets").block();
        MigrationRunner.Result second = runner.migrate().block();
        assertThat(second.applied()).isEmpty();
        assertThat(second.alreadyApplied()).hasSize(2);
        assertThat(mongo.findById("w1", Document.class, "widgets").block().getInteger("seq")).isEqualTo(7);
    }

    @Test
    void aChangedChecksumRefusesToRunWithAClearMessage() {
        runner.migrate().block();
        mongo.updateFirst(Query.query(Criteria.where("_id").is("V001__widget_indexes")),
                new Update().set("checksum", "0".repeat(64)), MigrationRunner.COLLECTION).block();

        assertThatThrownBy(() -> runner.migrate().block())
                .isInstanceOf(MigrationChecksumException.class)
                .hasMessageContaining("Migration V001__widget_indexes was changed after it was applied")
                .hasMessageContaining("new migration");
    }

    private static String hostPort(java.net.InetSocketAddress a) {
        return a.getHostString() + ":" + a.getPort();
    }
}
