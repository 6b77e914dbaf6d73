package com.glowglitch.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;

import com.glowglitch.platform.test.ServiceTest;

import io.micrometer.core.instrument.MeterRegistry;

@SpringBootTest(classes = CatalogApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProductCacheIT extends ServiceTest {

    @Autowired
    MeterRegistry meters;

    private double hits() {
        return meters.get("cache.gets").tag("cache", "products").tag("result", "hit").functionCounter().count();
    }

    @Test
    void productPagesComeFromMemoryUntilAnEventAboutTheProductEvictsThem() {
        String name = "Cached Ring " + UUID.randomUUID().toString().substring(0, 6);
        Map<?, ?> p = asAdmin().post().uri("/api/products").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"" + name + "\",\"category\":\"rings\",\"status\":\"active\","
                        + "\"price\":{\"amountMinor\":30000,\"currency\":\"USD\"}}")
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        String id = (String) p.get("id");
        String slug = (String) p.get("slug");

        // the product's own ProductCreated evicts it once when it arrives; after that, reads are hits
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            http().get().uri("/api/products/{s}", slug).exchange().expectStatus().isOk();
            double before = hits();
            http().get().uri("/api/products/{s}", slug).exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.price.amountMinor").isEqualTo(30000);
            http().get().uri("/api/products/{id}", id).exchange().expectStatus().isOk();
            assertThat(hits() - before).isEqualTo(2);
        });

        asAdmin().put().uri("/api/products/{id}/price", id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"price\":{\"amountMinor\":25000,\"currency\":\"USD\"}}").exchange().expectStatus().isOk();
        // the PriceChanged event evicts the entry; the next read shows the new price
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> http().get().uri("/api/products/{s}", slug).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.price.amountMinor").isEqualTo(25000));
    }
}
