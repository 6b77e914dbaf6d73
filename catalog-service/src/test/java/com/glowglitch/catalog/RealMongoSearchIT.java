package com.glowglitch.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mongodb.MongoDBContainer;

import com.glowglitch.catalog.product.SearchMode;
import com.glowglitch.platform.test.ServiceTest;

/**
 * Search on a real MongoDB (a replica set in a container): the text index is chosen at start-up
 * and finds products by name, tag and description words, name matches ranked first. Runs only
 * where Docker exists; the embedded-store search is covered by ProductApiIT.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(classes = CatalogApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RealMongoSearchIT extends ServiceTest {

    @Container
    static final MongoDBContainer MONGO = new MongoDBContainer("mongo:7.0");

    @DynamicPropertySource
    static void realMongo(DynamicPropertyRegistry r) {
        r.add("spring.mongodb.uri", MONGO::getReplicaSetUrl);
    }

    @Autowired
    SearchMode searchMode;

    void create(String name, String description, String tag) {
        asAdmin().post().uri("/api/products").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"" + name + "\",\"category\":\"rings\",\"status\":\"active\",\"description\":\"" + description
                        + "\",\"tags\":[\"" + tag + "\"],\"price\":{\"amountMinor\":1000,\"currency\":\"USD\"}}")
                .exchange().expectStatus().isCreated();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theTextIndexFindsByNameTagAndDescriptionAndRanksNameFirst() {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(searchMode.mode()).isEqualTo(SearchMode.Mode.TEXT_INDEX));
        create("Opal Halo Ring", "A bright halo setting.", "halo");
        create("Plain Band", "A band with a tiny opal inside.", "band");
        create("Velvet Stack", "Soft matte finish.", "opal");
        List<Map<String, Object>> found = http().get().uri("/api/products/search?q=opal").exchange().expectStatus().isOk()
                .expectBody(List.class).returnResult().getResponseBody();
        assertThat(found).extracting(p -> p.get("name")).contains("Opal Halo Ring", "Plain Band", "Velvet Stack");
        assertThat(found.get(0).get("name")).isEqualTo("Opal Halo Ring");
        http().get().uri("/api/products/search?q=opal halo").exchange().expectBody().jsonPath("$.length()").isEqualTo(1);
    }
}
