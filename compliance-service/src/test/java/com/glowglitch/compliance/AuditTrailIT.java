package com.glowglitch.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import com.glowglitch.contracts.EventContracts;
import com.glowglitch.platform.test.ServiceTest;
import com.glowglitch.platform.test.TestEvents;
import com.glowglitch.platform.test.TestInfrastructure;
import com.glowglitch.platform.test.TopicReader;

import tools.jackson.databind.node.ObjectNode;

@SpringBootTest(classes = ComplianceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuditTrailIT extends ServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    ReactiveMongoTemplate mongo;

    final EventContracts contracts = new EventContracts();

    @Test
    void theSameProductCreatedDeliveredThreeTimesIsOneAuditEntry() throws Exception {
        String productId = UUID.randomUUID().toString();
        String eventId = UUID.randomUUID().toString();
        ObjectNode data = example("ProductCreated");
        data.put("productId", productId).put("createdBy", "admin-42");
        try (KafkaProducer<byte[], byte[]> p = producer()) {
            for (int i = 0; i < 3; i++) {
                p.send(record("catalog.events", productId, eventId, "ProductCreated", data.toString())).get();
            }
        }
        String resource = "product:" + productId;
        await().atMost(WAIT).until(() -> auditCount(resource) == 1);
        // give the two duplicates time to arrive; they must not add lines
        Thread.sleep(1500);
        assertThat(auditCount(resource)).isEqualTo(1);

        asAdmin().get().uri("/api/audit?resource={r}", resource).exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.items.length()").isEqualTo(1)
                .jsonPath("$.items[0].id").isEqualTo(eventId)
                .jsonPath("$.items[0].action").isEqualTo("ProductCreated")
                .jsonPath("$.items[0].actor").isEqualTo("admin-42")
                .jsonPath("$.items[0].source").isEqualTo("/catalog-service")
                .jsonPath("$.items[0].data.productId").isEqualTo(productId);
        as(TestInfrastructure.customerToken()).get().uri("/api/audit?resource={r}", resource).exchange().expectStatus().isForbidden();
        http().get().uri("/api/audit?resource={r}", resource).exchange().expectStatus().isUnauthorized();
        asAdmin().get().uri("/api/audit?resource={r}", "product:{\"$gt\":\"\"}").exchange().expectStatus().isBadRequest();
    }

    @Test
    void everyContractExampleIsAcceptedByTheConsumer() throws Exception {
        List<EventContracts.Example> examples = contracts.examples();
        try (KafkaProducer<byte[], byte[]> p = producer()) {
            for (EventContracts.Example ex : examples) {
                String subject = "example-" + UUID.randomUUID();
                p.send(record(ex.topic(), subject, UUID.randomUUID().toString(), ex.type(), ex.data().toString())).get();
                await().atMost(WAIT).until(() ->
                        mongo.count(Query.query(Criteria.where("resource").regex(":" + subject + "$")), "audit_logs").block() == 1);
            }
        }
    }

    @Test
    void aSchemaInvalidEventIsDeadLetteredWithItsReasonAndTheNextOneIsStillAudited() throws Exception {
        String bad = UUID.randomUUID().toString();
        String good = UUID.randomUUID().toString();
        ObjectNode invalid = example("ProductCreated");
        invalid.put("productId", bad).put("category", "tiaras");
        invalid.putObject("price").put("amountMinor", 10.5).put("currency", "USD");
        ObjectNode valid = example("ProductCreated");
        valid.put("productId", good);
        try (KafkaProducer<byte[], byte[]> p = producer()) {
            p.send(record("catalog.events", bad, UUID.randomUUID().toString(), "ProductCreated", invalid.toString())).get();
            p.send(record("catalog.events", bad, UUID.randomUUID().toString(), "ProductCreated", "{\"productId\": ")).get();
            p.send(record("catalog.events", good, UUID.randomUUID().toString(), "ProductCreated", valid.toString())).get();
        }
        await().atMost(WAIT).until(() -> auditCount("product:" + good) == 1);
        assertThat(auditCount("product:" + bad)).isZero();
        try (TopicReader dlt = new TopicReader("catalog.events.DLT")) {
            List<ConsumerRecord<byte[], byte[]>> dead = new java.util.ArrayList<>();
            await().atMost(WAIT).until(() -> {
                dead.clear();
                dlt.await(100, Duration.ofMillis(300)).stream()
                        .filter(r -> bad.equals(new String(r.key(), StandardCharsets.UTF_8))).forEach(dead::add);
                return dead.size() == 2;
            });
            assertThat(dead).extracting(r -> TopicReader.header(r, "x-exception-message"))
                    .anySatisfy(m -> assertThat(m).contains("breaks its contract").contains("category"))
                    .anySatisfy(m -> assertThat(m).contains("not valid JSON"));
        }
    }

    private ObjectNode example(String type) {
        return (ObjectNode) contracts.examples().stream().filter(e -> e.type().equals(type)).findFirst().orElseThrow()
                .data().deepCopy();
    }

    private long auditCount(String resource) {
        return mongo.count(Query.query(Criteria.where("resource").is(resource)), "audit_logs").block();
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        return TestEvents.producer();
    }

    static ProducerRecord<byte[], byte[]> record(String topic, String key, String id, String type, String body) {
        return TestEvents.record(topic, key, id, type, "2026-11-25T12:00:00Z", body);
    }
}
