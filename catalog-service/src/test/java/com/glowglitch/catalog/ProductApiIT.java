package com.glowglitch.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.glowglitch.contracts.EventContracts;
import com.glowglitch.platform.test.ServiceTest;
import com.glowglitch.platform.test.TestInfrastructure;
import com.glowglitch.platform.test.TopicReader;

import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(classes = CatalogApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProductApiIT extends ServiceTest {

    @Autowired
    ReactiveMongoTemplate mongo;

    final EventContracts contracts = new EventContracts();
    final JsonMapper json = JsonMapper.builder().build();

    static String product(String name) {
        return "{\"name\":\"" + name + "\",\"description\":\"Lab-grown sapphire\",\"category\":\"rings\","
                + "\"price\":{\"amountMinor\":45900,\"currency\":\"USD\"},\"status\":\"active\",\"tags\":[\"Sapphire\",\"gold\"]}";
    }

    @Test
    void anAdminCreatesAProductAndItsProductCreatedMatchesThePublishedContract() {
        Map<?, ?> created = create(product("Céleste Halo Ring"));
        String id = (String) created.get("id");
        assertThat(created.get("slug")).isEqualTo("celeste-halo-ring");
        assertThat(created.get("tags")).isEqualTo(List.of("sapphire", "gold"));

        http().get().uri("/api/products/celeste-halo-ring").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.id").isEqualTo(id).jsonPath("$.price.amountMinor").isEqualTo(45900);
        http().get().uri("/api/products/{id}", id).exchange().expectStatus().isOk();

        try (TopicReader reader = new TopicReader("catalog.events")) {
            ConsumerRecord<byte[], byte[]> r = null;
            long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (r == null && System.nanoTime() < end) {
                r = reader.await(Integer.MAX_VALUE, Duration.ofMillis(300)).stream()
                        .filter(x -> id.equals(new String(x.key(), StandardCharsets.UTF_8))).findFirst().orElse(null);
            }
            assertThat(r).as("ProductCreated on catalog.events").isNotNull();
            Map<String, String> headers = new LinkedHashMap<>();
            for (String h : List.of("ce_specversion", "ce_id", "ce_type", "ce_source", "ce_time", "ce_subject", "content-type")) {
                headers.put(h, TopicReader.header(r, h));
            }
            assertThat(contracts.validateEnvelope(headers)).isEmpty();
            assertThat(headers.get("ce_type")).isEqualTo("ProductCreated");
            assertThat(contracts.validate("ProductCreated", json.readTree(TopicReader.value(r)))).isEmpty();
        }
    }

    @Test
    void aSecondProductWithTheSameNameGetsTheNextSlug() {
        create(product("Twin Flame Ring"));
        assertThat(create(product("Twin Flame Ring")).get("slug")).isEqualTo("twin-flame-ring-2");
    }

    @Test
    void hostileOrInvalidInputIsRefusedWithProblemsAndNothingIsWritten() {
        long before = products();
        String admin = TestInfrastructure.adminToken();
        expectProblem(post(admin, "{\"name\": \"Ring\", "), 400, "malformed-json");
        expectProblem(post(admin, "{\"name\": {\"$ne\": null}}"), 400, "forbidden-key");
        expectProblem(post(admin, "{\"name\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}"), 413, "body-too-large");
        expectProblem(post(null, product("No Token Ring")), 401, "unauthorized");
        expectProblem(post(TestInfrastructure.customerToken(), product("Customer Ring")), 403, "forbidden");
        expectProblem(post(admin, product("Fraction").replace("45900", "459.99")), 400, "malformed-request");
        expectProblem(post(admin, product("Tiara").replace("rings", "tiaras")), 400, "malformed-request");
        expectProblem(post(admin, product("x".repeat(10_000))), 400, "validation");
        expectProblem(post(admin, product("Negative").replace("45900", "-1")), 400, "validation");
        expectProblem(post(admin, product("<script>alert(1)</script>")), 400, "validation");
        expectProblem(post(admin, product("Html Ring").replace("Lab-grown sapphire", "<img src=x onerror=alert(1)>")), 400, "validation");
        expectProblem(post(admin, product("Archived").replace("\"active\"", "\"archived\"")), 422, "invalid-product");
        assertThat(products()).isEqualTo(before);
    }

    @Test
    void listingPagesNewestFirstWithAStableCursor() {
        for (int i = 0; i < 5; i++) {
            create(product("Paging Ring " + i));
        }
        List<String> seen = new java.util.ArrayList<>();
        String cursor = null;
        do {
            String uri = "/api/products?limit=2" + (cursor == null ? "" : "&cursor=" + cursor);
            Document page = Document.parse(new String(http().get().uri(uri).exchange().expectStatus().isOk()
                    .expectBody().returnResult().getResponseBody(), StandardCharsets.UTF_8));
            @SuppressWarnings("unchecked")
            List<Document> items = page.get("items", List.class);
            assertThat(items.size()).isLessThanOrEqualTo(2);
            items.forEach(d -> seen.add(d.getString("id")));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        // the public list shows what is for sale: every active product, once
        long active = mongo.count(org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("status").is("active")), "products").block();
        assertThat(seen).doesNotHaveDuplicates().hasSize((int) active);
        http().get().uri("/api/products?limit=500").exchange().expectStatus().isBadRequest();
        http().get().uri("/api/products?cursor=%%%").exchange().expectStatus().isBadRequest();
    }

    @Test
    void seedingTwiceCreatesNothingTheSecondTime() {
        asAdmin().post().uri("/admin/db/seed").exchange().expectStatus().isOk();
        long afterFirst = products();
        asAdmin().post().uri("/admin/db/seed").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.created").isEqualTo(0);
        assertThat(products()).isEqualTo(afterFirst);
        http().get().uri("/api/products/aurora-solitaire-ring").exchange().expectStatus().isOk();
    }

    private Map<?, ?> create(String body) {
        return asAdmin().post().uri("/api/products").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isCreated().expectHeader().exists("Location")
                .expectBody(Map.class).returnResult().getResponseBody();
    }

    private WebTestClient.ResponseSpec post(String token, String body) {
        WebTestClient client = token == null ? http() : as(token);
        return client.post().uri("/api/products").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private static void expectProblem(WebTestClient.ResponseSpec r, int status, String type) {
        r.expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://glowglitch.dev/problems/" + type)
                .jsonPath("$.detail").isNotEmpty();
    }

    private long products() {
        return mongo.count(new Query(), "products").block();
    }

}
