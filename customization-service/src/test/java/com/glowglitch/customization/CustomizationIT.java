package com.glowglitch.customization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.glowglitch.contracts.EventContracts;
import com.glowglitch.customization.design.TombstonePurge;
import com.glowglitch.platform.test.ServiceProcess;
import com.glowglitch.platform.test.ServiceTest;
import com.glowglitch.platform.test.TestEvents;
import com.glowglitch.platform.test.TestInfrastructure;
import com.glowglitch.platform.test.TopicReader;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Saved designs against the real catalog-service (its jar, on the same broker and store): the
 * catalog decides which options exist and what they cost.
 */
@SpringBootTest(classes = CustomizationApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "glowglitch.customization.max-versions=3")
class CustomizationIT extends ServiceTest {

    static final EventContracts CONTRACTS = new EventContracts();
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String OPTIONS = "{\"materials\":[{\"code\":\"silver\",\"name\":\"Silver\",\"priceModifierMinor\":0},"
            + "{\"code\":\"gold-14k\",\"name\":\"14k Gold\",\"priceModifierMinor\":15000}],"
            + "\"sizes\":[{\"code\":\"us-7\",\"name\":\"US 7\",\"priceModifierMinor\":0}],"
            + "\"engraving\":{\"allowed\":true,\"maxLength\":12,\"priceMinor\":2500}}";

    static ServiceProcess catalog() {
        return ServiceProcess.of("catalog-service");
    }

    @DynamicPropertySource
    static void catalogUrl(DynamicPropertyRegistry r) {
        r.add("glowglitch.customization.catalog-url", () -> catalog().url());
    }

    @Autowired
    ReactiveMongoTemplate mongo;

    @Autowired
    TombstonePurge purge;

    WebTestClient catalogAsAdmin() {
        return WebTestClient.bindToServer().baseUrl(catalog().url()).responseTimeout(Duration.ofSeconds(20))
                .defaultHeader("Authorization", "Bearer " + TestInfrastructure.adminToken()).build();
    }

    /** An active ring at 50.00 with silver/14k gold, one size and engraving (25.00, 12 characters). */
    String product() {
        String sku = "Z-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        return (String) catalogAsAdmin().post().uri("/api/products").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"Design Ring " + sku + "\",\"category\":\"rings\",\"status\":\"active\","
                        + "\"price\":{\"amountMinor\":5000,\"currency\":\"USD\"},\"options\":" + OPTIONS + ","
                        + "\"variants\":[{\"sku\":\"" + sku + "\",\"label\":\"one\",\"stock\":5}]}")
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id");
    }

    Map<?, ?> create(String token, String body) {
        return as(token).post().uri("/api/customizations").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
    }

    long stored(String owner) {
        return mongo.count(Query.query(Criteria.where("owner").is(owner)), "customizations").block();
    }

    @Test
    void aDesignIsPricedByTheCatalogVersionedAndItsEngravingSealed() {
        String productId = product();
        String userId = "customer-" + UUID.randomUUID();
        String me = TestInfrastructure.token(userId, "customer");
        try (TopicReader topic = new TopicReader("customization.events")) {
            Map<?, ?> c = create(me, "{\"productId\":\"" + productId + "\",\"name\":\"For Mia\","
                    + "\"options\":{\"material\":\"gold-14k\",\"size\":\"us-7\",\"engraving\":\"Mia 2026\"},"
                    + "\"design\":{\"bandFinish\":\"brushed\",\"stoneColor\":\"#FFD1DC\"},\"note\":\"birthday\"}");
            String id = (String) c.get("id");
            assertThat(c.get("currentVersion")).isEqualTo(1);
            Map<?, ?> v1 = (Map<?, ?>) c.get("current");
            assertThat(((Map<?, ?>) v1.get("price")).get("amountMinor")).isEqualTo(5000 + 15000 + 2500);
            assertThat(((Map<?, ?>) v1.get("options")).get("engraving")).isEqualTo("Mia 2026");

            // at rest the engraving is ciphertext
            Document doc = mongo.getCollection("customizations").flatMap(col -> reactor.core.publisher.Mono.from(
                    col.find(new Document("_id", id)).first())).block();
            @SuppressWarnings("unchecked")
            Document storedOptions = (Document) ((List<Document>) doc.get("versions", List.class)).get(0).get("options");
            assertThat(storedOptions.getString("engraving")).startsWith("v1:").doesNotContain("Mia");

            // a second save is version 2; the first stays as it was
            Map<?, ?> saved = as(me).put().uri("/api/customizations/{id}", id).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"expectedVersion\":1,\"options\":{\"material\":\"silver\",\"size\":\"us-7\"},"
                            + "\"design\":{\"bandFinish\":\"polished\"}}")
                    .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
            assertThat(saved.get("currentVersion")).isEqualTo(2);
            assertThat((List<?>) saved.get("history")).hasSize(2);
            assertThat(((Map<?, ?>) ((Map<?, ?>) saved.get("current")).get("price")).get("amountMinor")).isEqualTo(5000);
            as(me).get().uri("/api/customizations/{id}/versions/1", id).exchange().expectStatus().isOk().expectBody()
                    .jsonPath("$.options.material").isEqualTo("gold-14k")
                    .jsonPath("$.options.engraving").isEqualTo("Mia 2026")
                    .jsonPath("$.design.stoneColor").isEqualTo("#FFD1DC")
                    .jsonPath("$.productId").isEqualTo(productId);
            as(me).get().uri("/api/customizations/{id}/versions/3", id).exchange().expectStatus().isNotFound();

            // a save made from version 1 again (another tab) loses: 409, nothing written
            as(me).put().uri("/api/customizations/{id}", id).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"expectedVersion\":1,\"options\":{\"material\":\"gold-14k\"}}")
                    .exchange().expectStatus().isEqualTo(409).expectBody().jsonPath("$.type")
                    .isEqualTo("https://glowglitch.dev/problems/stale-version");
            // the version cap (3 in this test) is a clear 422
            as(me).put().uri("/api/customizations/{id}", id).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"expectedVersion\":2}").exchange().expectStatus().isOk();
            as(me).put().uri("/api/customizations/{id}", id).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"expectedVersion\":3}").exchange().expectStatus().isEqualTo(422).expectBody()
                    .jsonPath("$.type").isEqualTo("https://glowglitch.dev/problems/version-limit");

            as(me).get().uri("/api/customizations?productId={p}", productId).exchange().expectStatus().isOk().expectBody()
                    .jsonPath("$.length()").isEqualTo(1).jsonPath("$[0].currentVersion").isEqualTo(3);

            // three saves, three events: contract-valid, subject = the design, no engraving text on the bus
            List<ConsumerRecord<byte[], byte[]>> events = topic.awaitMatching(r -> id.equals(TopicReader.header(r, "ce_subject")),
                    3, Duration.ofSeconds(30), Duration.ofSeconds(2));
            assertThat(events).hasSize(3).allSatisfy(r -> {
                assertThat(TopicReader.header(r, "ce_type")).isEqualTo("CustomizationSaved");
                JsonNode data = JSON.readTree(TopicReader.value(r));
                assertThat(CONTRACTS.validate("CustomizationSaved", data)).isEmpty();
                assertThat(TopicReader.value(r)).doesNotContain("Mia");
                assertThat(data.get("userId").asString()).isEqualTo(userId);
            });
            assertThat(JSON.readTree(TopicReader.value(events.get(0))).get("options").get("engraved").asBoolean()).isTrue();
            assertThat(events.stream().map(r -> JSON.readTree(TopicReader.value(r)).get("version").asInt()).toList())
                    .containsExactly(1, 2, 3);
        }
    }

    @Test
    void someoneElsesDesignIsNotFoundButAnAdminMayReadIt() {
        String productId = product();
        String mine = customerToken();
        String id = (String) create(mine, "{\"productId\":\"" + productId + "\"}").get("id");
        String other = TestInfrastructure.token("customer-" + UUID.randomUUID(), "customer");
        as(other).get().uri("/api/customizations/{id}", id).exchange().expectStatus().isNotFound();
        as(other).get().uri("/api/customizations/{id}/versions/1", id).exchange().expectStatus().isNotFound();
        as(other).put().uri("/api/customizations/{id}", id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"expectedVersion\":1}").exchange().expectStatus().isNotFound();
        as(other).delete().uri("/api/customizations/{id}", id).exchange().expectStatus().isNotFound();
        as(other).get().uri("/api/customizations").exchange().expectStatus().isOk().expectBody().jsonPath("$.length()").isEqualTo(0);
        asAdmin().get().uri("/api/customizations/{id}", id).exchange().expectStatus().isOk();
        http().get().uri("/api/customizations/{id}", id).exchange().expectStatus().isUnauthorized();
        // a guest designs too, and on sign-in the designs follow the shopper (once)
        String guest = TestInfrastructure.token("guest-" + UUID.randomUUID(), "guest");
        String guestDesign = (String) create(guest, "{\"productId\":\"" + productId + "\",\"options\":{\"material\":\"silver\"}}").get("id");
        as(other).get().uri("/api/customizations/{id}", guestDesign).exchange().expectStatus().isNotFound();
        for (int claimed : new int[] {1, 0}) {
            as(other).post().uri("/api/customizations/claim").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"guestToken\":\"" + guest + "\"}").exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.claimed").isEqualTo(claimed);
        }
        as(other).get().uri("/api/customizations/{id}", guestDesign).exchange().expectStatus().isOk();
        as(guest).get().uri("/api/customizations/{id}", guestDesign).exchange().expectStatus().isNotFound();
        as(other).post().uri("/api/customizations/claim").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"guestToken\":\"" + mine + "\"}").exchange().expectStatus().isBadRequest();
        as(other).post().uri("/api/customizations/claim").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"guestToken\":\"not-a-token\"}").exchange().expectStatus().isBadRequest();
        as(guest).post().uri("/api/customizations/claim").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"guestToken\":\"" + guest + "\"}").exchange().expectStatus().isEqualTo(422);
    }

    @Test
    void badInputIsAProblemAndNothingIsSaved() {
        String productId = product();
        String owner = "customer-" + UUID.randomUUID();
        String me = TestInfrastructure.token(owner, "customer");
        String manyParts = "{" + String.join(",", java.util.stream.IntStream.range(0, 41).mapToObj(i -> "\"p" + i + "\":\"x\"").toList()) + "}";
        Map<String, Integer> bodies = new java.util.LinkedHashMap<>();
        bodies.put("{\"productId\":\"" + productId + "\",\"options\":{\"material\":\"platinum\"}}", 422);
        bodies.put("{\"productId\":\"" + productId + "\",\"options\":{\"engraving\":\"far too long for it\"}}", 422);
        bodies.put("{\"productId\":\"no-such-product\"}", 422);
        bodies.put("{\"productId\":\"" + productId + "\",\"options\":{\"material\":\"Gold 14K\"}}", 400);
        bodies.put("{\"productId\":\"" + productId + "\",\"options\":{\"engraving\":\"a\\u0007b\"}}", 400);
        bodies.put("{\"productId\":\"" + productId + "\",\"design\":{\"$where\":\"1\"}}", 400);
        bodies.put("{\"productId\":\"" + productId + "\",\"design\":{\"band.finish\":\"x\"}}", 400);
        bodies.put("{\"productId\":\"" + productId + "\",\"design\":" + manyParts + "}", 400);
        bodies.put("{\"productId\":\"" + productId + "\",\"design\":{\"band\":\"" + "x".repeat(101) + "\"}}", 400);
        bodies.put("{\"productId\":\"" + productId + "\",\"name\":\"<script>\"}", 400);
        bodies.put("{\"productId\":\"" + productId + "\",\"design\":{\"band\":{\"nested\":1}}}", 400);
        bodies.put("{\"options\":{}}", 400);
        bodies.put("not json", 400);
        bodies.forEach((body, status) -> as(me).post().uri("/api/customizations").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange().expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        as(me).post().uri("/api/customizations").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"productId\":\"" + productId + "\",\"options\":{\"material\":\"platinum\"}}").exchange()
                .expectBody().jsonPath("$.type").isEqualTo("https://glowglitch.dev/problems/option-not-offered");
        assertThat(stored(owner)).isZero();

        String id = (String) create(me, "{\"productId\":\"" + productId + "\"}").get("id");
        for (String body : new String[] {"{\"expectedVersion\":0}", "{\"expectedVersion\":1.5}", "{}",
                "{\"expectedVersion\":1,\"options\":{\"size\":\"us-99\"}}"}) {
            as(me).put().uri("/api/customizations/{id}", id).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                    .exchange().expectStatus().value(s -> assertThat(s).isIn(400, 422));
        }
        as(me).get().uri("/api/customizations/{id}", id).exchange().expectBody().jsonPath("$.currentVersion").isEqualTo(1);
        as(me).get().uri("/api/customizations?limit=0").exchange().expectStatus().isBadRequest();
    }

    @Test
    void deletingLeavesATombstoneUntilTheEventIsOutThenNothing() {
        String productId = product();
        String me = customerToken();
        String id = (String) create(me, "{\"productId\":\"" + productId + "\",\"options\":{\"engraving\":\"Noa\"}}").get("id");
        try (TopicReader topic = new TopicReader("customization.events")) {
            as(me).delete().uri("/api/customizations/{id}", id).exchange().expectStatus().isNoContent();
            as(me).get().uri("/api/customizations/{id}", id).exchange().expectStatus().isNotFound();
            as(me).delete().uri("/api/customizations/{id}", id).exchange().expectStatus().isNotFound();
            ConsumerRecord<byte[], byte[]> deleted = topic.awaitMatching(r -> id.equals(TopicReader.header(r, "ce_subject"))
                    && "CustomizationDeleted".equals(TopicReader.header(r, "ce_type")), 1, Duration.ofSeconds(30), Duration.ofSeconds(1)).get(0);
            assertThat(CONTRACTS.validate("CustomizationDeleted", JSON.readTree(TopicReader.value(deleted)))).isEmpty();
        }
        // the tombstone holds no design, and goes once the event is published and an hour has passed
        Document tomb = mongo.getCollection("customizations").flatMap(col -> reactor.core.publisher.Mono.from(
                col.find(new Document("_id", id)).first())).block();
        assertThat((List<?>) tomb.get("versions", List.class)).isEmpty();
        mongo.getCollection("customizations").flatMap(col -> reactor.core.publisher.Mono.from(col.updateOne(
                new Document("_id", id), new Document("$set", new Document("deletedAt", java.util.Date.from(
                        Instant.now().minus(Duration.ofHours(2)))))))).block();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            purge.runOnce().block();
            assertThat(mongo.exists(Query.query(Criteria.where("_id").is(id)), "customizations").block()).isFalse();
        });
    }

    @Test
    void anArchivedProductFreezesItsDesignsAndAnErasedUserLosesTheirs() {
        String productId = product();
        String userId = "customer-" + UUID.randomUUID();
        String me = TestInfrastructure.token(userId, "customer");
        String id = (String) create(me, "{\"productId\":\"" + productId + "\"}").get("id");
        String other = product();
        create(me, "{\"productId\":\"" + other + "\"}");
        catalogAsAdmin().post().uri("/api/products/{id}/archive", productId).exchange().expectStatus().isOk();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(me).get().uri("/api/customizations/{id}", id)
                .exchange().expectBody().jsonPath("$.productArchived").isEqualTo(true));
        as(me).put().uri("/api/customizations/{id}", id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"expectedVersion\":1}").exchange().expectStatus().isEqualTo(422).expectBody()
                .jsonPath("$.type").isEqualTo("https://glowglitch.dev/problems/not-for-sale");
        as(me).post().uri("/api/customizations").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"productId\":\"" + productId + "\"}").exchange().expectStatus().isEqualTo(422);

        TestEvents.send(TestEvents.record("identity.events", userId, UUID.randomUUID().toString(), "UserErased",
                Instant.now().toString(), "{\"userId\":\"" + userId + "\",\"erasedBy\":\"admin-1\",\"erasedAt\":\"" + Instant.now() + "\"}"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(stored(userId)).isZero());
    }

    @Test
    void withTheCatalogDownNothingIsSavedAndItWorksAgainAfter() {
        String productId = product();
        String owner = "customer-" + UUID.randomUUID();
        String me = TestInfrastructure.token(owner, "customer");
        catalog().stop();
        try {
            as(me).post().uri("/api/customizations").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"productId\":\"" + productId + "\"}").exchange().expectStatus().isEqualTo(503)
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.type").isEqualTo("https://glowglitch.dev/problems/catalog-unavailable");
            assertThat(stored(owner)).isZero();
        } finally {
            catalog().start();
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                as(me).post().uri("/api/customizations").contentType(MediaType.APPLICATION_JSON)
                        .bodyValue("{\"productId\":\"" + productId + "\"}").exchange().expectStatus().isCreated());
        assertThat(stored(owner)).isEqualTo(1);
    }
}
