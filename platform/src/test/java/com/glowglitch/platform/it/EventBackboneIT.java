package com.glowglitch.platform.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;

import com.glowglitch.platform.events.IncomingEvent;
import com.glowglitch.platform.outbox.OutboxRelay;
import com.glowglitch.platform.test.ServiceTest;
import com.glowglitch.platform.test.TestEvents;
import com.glowglitch.platform.test.TestInfrastructure;
import com.glowglitch.platform.test.TopicReader;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The event backbone against a real KRaft broker and the MongoDB-wire store: CloudEvents
 * headers, outbox crash safety, broker outage, idempotent consumption, dead-lettering.
 */
@SpringBootTest(classes = WidgetApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=platform-it")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EventBackboneIT extends ServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    ReactiveMongoTemplate mongo;
    @Autowired
    OutboxRelay relay;
    @Autowired
    MeterRegistry meters;

    @AfterEach
    void reset() {
        relay.setHook(null);
        WidgetApp.FAIL_TYPES.clear();
    }

    @Test
    @Order(1)
    void aCreatedAggregatesEventReachesKafkaWithCloudEventsHeadersAndLeavesTheOutbox() {
        String id = createWidget("ring");
        try (TopicReader reader = new TopicReader(WidgetApp.TOPIC)) {
            ConsumerRecord<byte[], byte[]> r = awaitRecord(reader, id);
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(id);
            assertThat(TopicReader.header(r, "ce_type")).isEqualTo("WidgetCreated");
            assertThat(TopicReader.header(r, "ce_source")).isEqualTo("/platform-it");
            assertThat(TopicReader.header(r, "ce_specversion")).isEqualTo("1.0");
            assertThat(TopicReader.header(r, "ce_subject")).isEqualTo(id);
            assertThat(TopicReader.header(r, "ce_id")).isNotBlank();
            assertThat(TopicReader.header(r, "ce_time")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
            assertThat(TopicReader.value(r)).contains("\"widgetId\":\"" + id + "\"").contains("\"name\":\"ring\"");
        }
        await().atMost(WAIT).until(() -> outboxSize(id) == 0);
    }

    @Test
    @Order(2)
    void aCrashBetweenPublishAndPullRepublishesInsteadOfLosing() {
        AtomicBoolean crashed = new AtomicBoolean();
        relay.setHook(ids -> {
            if (crashed.compareAndSet(false, true)) {
                throw new IllegalStateException("simulated crash after the broker's ack, before $pull");
            }
        });
        String id = createWidget("crashy");
        // the entry stayed in the outbox, so the next pass publishes it again: a duplicate, not a loss
        await().atMost(WAIT).until(() -> deliveriesOf(id).size() >= 2);
        List<IncomingEvent> seen = deliveriesOf(id);
        assertThat(seen).extracting(IncomingEvent::id).containsOnly(seen.get(0).id());
        await().atMost(WAIT).until(() -> outboxSize(id) == 0);
        // ...and the idempotent consumer applied it once
        assertThat(count("effects", Criteria.where("widget").is(id))).isEqualTo(1);
        assertThat(seenCounter(id)).isEqualTo(1);
    }

    @Test
    @Order(3)
    void theSameEventDeliveredThreeTimesHasOneEffect() throws Exception {
        String widget = UUID.randomUUID().toString();
        String eventId = UUID.randomUUID().toString();
        try (KafkaProducer<byte[], byte[]> p = producer()) {
            for (int i = 0; i < 3; i++) {
                p.send(record(WidgetApp.TOPIC, widget, eventId, "WidgetBumped",
                        "{\"widgetId\":\"" + widget + "\",\"seq\":1}")).get();
            }
        }
        await().atMost(WAIT).until(() -> deliveriesOf(widget).size() == 3);
        assertThat(count("effects", Criteria.where("eventId").is(eventId))).isEqualTo(1);
        assertThat(seenCounter(widget)).isEqualTo(1);
    }

    @Test
    @Order(4)
    void poisonEventsGoToTheDeadLetterTopicWithTheReasonAndConsumptionGoesOn() throws Exception {
        String widget = UUID.randomUUID().toString();
        String good = UUID.randomUUID().toString();
        WidgetApp.FAIL_TYPES.put("WidgetExploded", true);
        try (KafkaProducer<byte[], byte[]> p = producer()) {
            p.send(record(WidgetApp.TOPIC, widget, UUID.randomUUID().toString(), "WidgetBumped", "{not json")).get();
            ProducerRecord<byte[], byte[]> noHeaders = new ProducerRecord<>(WidgetApp.TOPIC, widget.getBytes(), "{}".getBytes());
            p.send(noHeaders).get();
            p.send(record(WidgetApp.TOPIC, widget, UUID.randomUUID().toString(), "WidgetExploded", "{\"widgetId\":\"x\"}")).get();
            p.send(record(WidgetApp.TOPIC, widget, good, "WidgetBumped", "{\"widgetId\":\"" + widget + "\",\"seq\":2}")).get();
        }
        // the good event behind the poison ones is still processed
        await().atMost(WAIT).until(() -> deliveriesOf(widget).stream().anyMatch(e -> e.id().equals(good)));
        assertThat(count("effects", Criteria.where("eventId").is(good))).isEqualTo(1);

        try (TopicReader dlt = new TopicReader(WidgetApp.TOPIC + ".DLT")) {
            List<ConsumerRecord<byte[], byte[]>> dead = new ArrayList<>();
            await().atMost(WAIT).until(() -> {
                dead.clear();
                dlt.await(100, Duration.ofMillis(500)).stream()
                        .filter(r -> widget.equals(new String(r.key(), StandardCharsets.UTF_8))).forEach(dead::add);
                return dead.size() >= 3;
            });
            Map<String, String> reasons = new LinkedHashMap<>();
            dead.forEach(r -> reasons.put(String.valueOf(TopicReader.header(r, "ce_type")),
                    TopicReader.header(r, "x-exception-message")));
            assertThat(reasons.get("WidgetBumped")).contains("not valid JSON");
            assertThat(reasons.get("null")).contains("missing CloudEvents header ce_id");
            assertThat(reasons.get("WidgetExploded")).contains("simulated handler failure");
            assertThat(dead).allSatisfy(r -> assertThat(TopicReader.header(r, "x-original-topic")).isEqualTo(WidgetApp.TOPIC));
        }
        // the handler failure was retried (max-attempts 2) before it was dead-lettered; poison was not
        assertThat(deliveriesOf(widget).stream().filter(e -> e.type().equals("WidgetExploded")).count()).isEqualTo(2);

        // admins see the depth and can replay once the cause is fixed
        WidgetApp.FAIL_TYPES.clear();
        asAdmin().get().uri("/admin/dlt").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$['widget.events.DLT']").value(v -> assertThat(((Number) v).intValue()).isGreaterThanOrEqualTo(3));
        as(TestInfrastructure.customerToken()).post().uri("/admin/dlt/widget.events.DLT/replay").exchange()
                .expectStatus().isForbidden();
        asAdmin().post().uri("/admin/dlt/widget.events.DLT/replay").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.replayed").value(v -> assertThat(((Number) v).intValue()).isGreaterThanOrEqualTo(3));
        await().atMost(WAIT).until(() -> deliveriesOf(widget).stream().filter(e -> e.type().equals("WidgetExploded")).count() == 3);
        await().atMost(WAIT).until(() -> count("effects", Criteria.where("type").is("WidgetExploded").and("widget").is(widget)) == 1);
    }

    @Test
    @Order(5)
    void hostileRequestsAreRefusedWithProblemsAndWriteNothing() {
        long before = count("widgets", new Criteria());
        asAdmin().post().uri("/api/widgets").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\": \"a\",")
                .exchange().expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://glowglitch.dev/problems/malformed-json");
        asAdmin().post().uri("/api/widgets").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\": {\"$ne\": null}}")
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("https://glowglitch.dev/problems/forbidden-key");
        asAdmin().post().uri("/api/widgets?$where=1").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\": \"a\"}")
                .exchange().expectStatus().isBadRequest();
        asAdmin().post().uri("/api/widgets").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}")
                .exchange().expectStatus().isEqualTo(413)
                .expectBody().jsonPath("$.type").isEqualTo("https://glowglitch.dev/problems/body-too-large");
        asAdmin().post().uri("/api/widgets").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\": \"\"}")
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("name");
        asAdmin().post().uri("/api/widgets").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\": 12}")
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").isEqualTo("Field 'name' has the wrong type or format");
        asAdmin().post().uri("/api/widgets").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\": \"a\", \"admin\": true}")
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").isEqualTo("Field 'admin' is not a known field");
        http().post().uri("/api/widgets").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\": \"a\"}")
                .exchange().expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.type").isEqualTo("https://glowglitch.dev/problems/unauthorized");
        as("not-a-token").post().uri("/api/widgets").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\": \"a\"}")
                .exchange().expectStatus().isUnauthorized();
        as(TestInfrastructure.customerToken()).post().uri("/api/widgets").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\": \"a\"}")
                .exchange().expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo("https://glowglitch.dev/problems/forbidden");
        assertThat(count("widgets", new Criteria())).isEqualTo(before);
    }

    @Test
    @Order(6)
    void whileTheBrokerIsDownWritesWaitInTheOutboxAndAllArriveInOrderAfterwards() {
        TestInfrastructure.stopKafka();
        List<String> ids = new ArrayList<>();
        try {
            for (int w = 0; w < 10; w++) {
                String id = createWidget("outage-" + w);
                ids.add(id);
                for (int b = 0; b < 9; b++) {
                    asAdmin().post().uri("/api/widgets/{id}/bump", id).exchange().expectStatus().isOk();
                }
            }
            await().atMost(WAIT).until(() -> meters.get("outbox.pending").gauge().value() >= 100);
            assertThat(ids).allSatisfy(id -> assertThat(outboxSize(id)).isEqualTo(10));
        } finally {
            TestInfrastructure.startKafka();
        }
        await().atMost(Duration.ofSeconds(90)).until(() -> ids.stream().allMatch(id -> outboxSize(id) == 0));
        try (TopicReader reader = new TopicReader(WidgetApp.TOPIC)) {
            List<ConsumerRecord<byte[], byte[]>> all = reader.await(Integer.MAX_VALUE, Duration.ofSeconds(10));
            Map<String, List<String>> perWidget = new LinkedHashMap<>();
            for (ConsumerRecord<byte[], byte[]> r : all) {
                String key = new String(r.key(), StandardCharsets.UTF_8);
                if (ids.contains(key)) {
                    perWidget.computeIfAbsent(key, k -> new ArrayList<>()).add(TopicReader.value(r));
                }
            }
            assertThat(perWidget).hasSize(10);
            perWidget.values().forEach(events -> {
                assertThat(events).hasSize(10);
                assertThat(events.get(0)).contains("\"name\":\"outage-");
                for (int seq = 1; seq <= 9; seq++) {
                    assertThat(events.get(seq)).contains("\"seq\":" + seq);
                }
            });
        }
        assertThat(meters.get("outbox.pending").gauge().value()).isZero();
    }

    // ---- helpers ----

    private String createWidget(String name) {
        byte[] body = asAdmin().post().uri("/api/widgets").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", name)).exchange().expectStatus().isCreated()
                .expectBody().returnResult().getResponseBody();
        String json = new String(body, StandardCharsets.UTF_8);
        return Document.parse(json).getString("id");
    }

    private ConsumerRecord<byte[], byte[]> awaitRecord(TopicReader reader, String key) {
        List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
        await().atMost(WAIT).until(() -> {
            reader.await(Integer.MAX_VALUE, Duration.ofMillis(300)).stream()
                    .filter(r -> key.equals(new String(r.key(), StandardCharsets.UTF_8))).findFirst().ifPresent(found::add);
            return !found.isEmpty();
        });
        return found.get(0);
    }

    private static List<IncomingEvent> deliveriesOf(String widget) {
        return WidgetApp.DELIVERIES.stream().filter(e -> widget.equals(e.subject())).toList();
    }

    @SuppressWarnings("unchecked")
    private int outboxSize(String id) {
        Document d = mongo.findById(id, Document.class, "widgets").block();
        return d == null ? -1 : ((List<Object>) d.get("outbox", List.class)).size();
    }

    private long count(String collection, Criteria c) {
        return mongo.count(new Query(c), collection).block();
    }

    private int seenCounter(String widget) {
        Document d = mongo.findById(widget, Document.class, "counters").block();
        return d == null ? 0 : d.getInteger("seen");
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        return TestEvents.producer();
    }

    private static ProducerRecord<byte[], byte[]> record(String topic, String key, String id, String type, String body) {
        return TestEvents.record(topic, key, id, type, "2026-11-25T12:00:00Z", body);
    }
}
