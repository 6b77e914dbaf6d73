package com.glowglitch.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;

import com.glowglitch.catalog.inventory.Inventory;
import com.glowglitch.contracts.EventContracts;
import com.glowglitch.platform.test.ServiceTest;
import com.glowglitch.platform.test.TopicReader;

import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(classes = CatalogApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProductAdminIT extends ServiceTest {

    @Autowired
    Inventory inventory;

    @Test
    void priceStockAndArchiveChangesAreGuardedAndAnnounced() {
        String sku = "ADM-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        Map<?, ?> created = asAdmin().post().uri("/api/products").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"Admin Ring " + sku + "\",\"category\":\"rings\",\"status\":\"active\","
                        + "\"price\":{\"amountMinor\":20000,\"currency\":\"USD\"},\"variants\":[{\"sku\":\"" + sku + "\",\"stock\":10}]}")
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        String id = (String) created.get("id");

        asAdmin().put().uri("/api/products/{id}/price", id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"price\":{\"amountMinor\":17500,\"currency\":\"USD\"}}").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.price.amountMinor").isEqualTo(17500);
        asAdmin().put().uri("/api/products/{id}/price", id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"price\":{\"amountMinor\":175.5,\"currency\":\"USD\"}}").exchange().expectStatus().isBadRequest();
        as(customerToken()).put().uri("/api/products/{id}/price", id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"price\":{\"amountMinor\":1,\"currency\":\"USD\"}}").exchange().expectStatus().isForbidden();

        inventory.reserve("cart-x", sku, 4).block();
        asAdmin().put().uri("/api/products/{id}/variants/{sku}/stock", id, sku).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"total\":3}").exchange().expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.type").isEqualTo("https://glowglitch.dev/problems/stock-below-held");
        asAdmin().put().uri("/api/products/{id}/variants/{sku}/stock", id, sku).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"total\":6}").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.variants[0].available").isEqualTo(2);
        asAdmin().put().uri("/api/products/{id}/variants/{sku}/stock", id, sku).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"total\":-1}").exchange().expectStatus().isBadRequest();

        asAdmin().post().uri("/api/products/{id}/archive", id).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("archived");
        as(customerToken()).post().uri("/api/inventory/reservations").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("cartId", "cart-y", "sku", sku, "quantity", 1)).exchange().expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.type").isEqualTo("https://glowglitch.dev/problems/not-for-sale");

        EventContracts contracts = new EventContracts();
        JsonMapper json = JsonMapper.builder().build();
        try (TopicReader reader = new TopicReader("catalog.events")) {
            List<ConsumerRecord<byte[], byte[]>> mine = new ArrayList<>();
            long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (mine.size() < 6 && System.nanoTime() < end) {
                mine.clear();
                reader.await(Integer.MAX_VALUE, Duration.ofMillis(300)).stream()
                        .filter(r -> id.equals(TopicReader.header(r, "ce_subject"))).forEach(mine::add);
            }
            assertThat(mine).extracting(r -> TopicReader.header(r, "ce_type")).containsExactly(
                    "ProductCreated", "PriceChanged", "InventoryReserved", "StockChanged", "LowStock", "ProductArchived");
            assertThat(TopicReader.value(mine.get(1))).contains("\"oldPrice\":{\"amountMinor\":20000").contains("\"newPrice\":{\"amountMinor\":17500");
            assertThat(mine).allSatisfy(r -> assertThat(contracts.validate(TopicReader.header(r, "ce_type"),
                    json.readTree(TopicReader.value(r)))).isEmpty());
        }
    }

    @Test
    void aBenchmarkDataSetCanBeGeneratedAndRemoved() {
        as(customerToken()).post().uri("/admin/catalog/generated?count=10").exchange().expectStatus().isForbidden();
        asAdmin().post().uri("/admin/catalog/generated?count=0").exchange().expectStatus().isBadRequest();
        asAdmin().post().uri("/admin/catalog/generated?count=50&seed=99").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.inserted").isEqualTo(50);
        http().get().uri("/api/products/search?q=99-49").exchange().expectStatus().isOk().expectBody().jsonPath("$.length()").isEqualTo(1);
        asAdmin().delete().uri("/admin/catalog/generated").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.removed").isEqualTo(50);
    }
}
