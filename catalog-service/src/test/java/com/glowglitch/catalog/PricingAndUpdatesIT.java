package com.glowglitch.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;

import com.glowglitch.contracts.EventContracts;
import com.glowglitch.platform.test.ServiceTest;
import com.glowglitch.platform.test.TopicReader;

import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(classes = CatalogApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PricingAndUpdatesIT extends ServiceTest {

    static final String OPTIONS = "{\"materials\":[{\"code\":\"silver\",\"name\":\"Silver\",\"priceModifierMinor\":0},"
            + "{\"code\":\"gold-14k\",\"name\":\"14k Gold\",\"priceModifierMinor\":15000}],"
            + "\"gemstones\":[{\"code\":\"lab-diamond-025\",\"name\":\"Lab diamond\",\"carat\":0.25,\"cut\":\"round\","
            + "\"color\":\"F\",\"clarity\":\"VS1\",\"priceModifierMinor\":25000}],"
            + "\"sizes\":[{\"code\":\"us-7\",\"name\":\"US 7\",\"priceModifierMinor\":0},{\"code\":\"us-10\",\"name\":\"US 10\",\"priceModifierMinor\":1000}],"
            + "\"engraving\":{\"allowed\":true,\"maxLength\":12,\"priceMinor\":2500}}";

    private Map<?, ?> create(String name) {
        return asAdmin().post().uri("/api/products").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"" + name + "\",\"category\":\"rings\",\"status\":\"active\","
                        + "\"price\":{\"amountMinor\":50000,\"currency\":\"USD\"},\"options\":" + OPTIONS + "}")
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
    }

    @Test
    void thePriceOfAConfigurationIsBasePlusEveryChosenModifier() {
        String id = (String) create("Config Ring " + UUID.randomUUID().toString().substring(0, 6)).get("id");
        http().get().uri("/api/products/{id}/price?material=gold-14k&gemstone=lab-diamond-025&size=us-10&engraving={e}", id, "Mia ♥ 2026")
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.base.amountMinor").isEqualTo(50000)
                .jsonPath("$.modifiers.length()").isEqualTo(4)
                .jsonPath("$.total.amountMinor").isEqualTo(50000 + 15000 + 25000 + 1000 + 2500)
                .jsonPath("$.total.currency").isEqualTo("USD");
        http().get().uri("/api/products/{id}/price", id).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.total.amountMinor").isEqualTo(50000);
        http().get().uri("/api/products/{id}/price?material=platinum", id).exchange().expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.type").isEqualTo("https://glowglitch.dev/problems/option-not-offered")
                .jsonPath("$.option").isEqualTo("material").jsonPath("$.value").isEqualTo("platinum");
        http().get().uri("/api/products/{id}/price?size=us-12", id).exchange().expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.option").isEqualTo("size");
        http().get().uri("/api/products/{id}/price?engraving={e}", id, "far too long text").exchange().expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.type").isEqualTo("https://glowglitch.dev/problems/engraving-too-long");
        http().get().uri("/api/products/{id}/price?material={m}", id, "{\"$gt\":\"\"}").exchange().expectStatus().isBadRequest();
        http().get().uri("/api/products/{id}/price", "no-such-product").exchange().expectStatus().isNotFound();

        // with a SKU (what a cart asks): the line's name and status come along, a SKU of another product is refused
        Map<?, ?> product = http().get().uri("/api/products/{id}", id).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        String sku = (String) ((Map<?, ?>) ((java.util.List<?>) product.get("variants")).get(0)).get("sku");
        http().get().uri("/api/products/{id}/price?sku={s}&material=gold-14k", id, sku).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.sku").isEqualTo(sku).jsonPath("$.name").isEqualTo(product.get("name"))
                .jsonPath("$.status").isEqualTo("active").jsonPath("$.total.amountMinor").isEqualTo(65000);
        http().get().uri("/api/products/{id}/price?sku=OTHER-PRODUCT-SKU", id).exchange().expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.type").isEqualTo("https://glowglitch.dev/problems/unknown-sku");
        http().get().uri("/api/products/{id}/price?sku=lower", id).exchange().expectStatus().isBadRequest();
    }

    @Test
    void aRenameGetsANewSlugAndTheOldOneRedirectsAndStaleVersionsAreRefused() {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        Map<?, ?> p = create("Rename Ring " + suffix);
        String id = (String) p.get("id");
        String oldSlug = (String) p.get("slug");
        asAdmin().patch().uri("/api/products/{id}", id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"Renamed Ring " + suffix + "\",\"version\":" + p.get("version") + "}")
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.slug").isEqualTo("renamed-ring-" + suffix);
        http().get().uri("/api/products/{slug}", oldSlug).exchange().expectStatus().isEqualTo(301)
                .expectHeader().valueEquals("Location", "/api/products/renamed-ring-" + suffix);
        asAdmin().patch().uri("/api/products/{id}", id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"description\":\"late edit\",\"version\":" + p.get("version") + "}")
                .exchange().expectStatus().isEqualTo(409);
        asAdmin().patch().uri("/api/products/{id}", id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"description\":\"x\"}").exchange().expectStatus().isBadRequest();

        EventContracts contracts = new EventContracts();
        JsonMapper json = JsonMapper.builder().build();
        try (TopicReader reader = new TopicReader("catalog.events")) {
            var updates = new java.util.ArrayList<org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]>>();
            long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (updates.isEmpty() && System.nanoTime() < end) {
                reader.await(Integer.MAX_VALUE, Duration.ofMillis(300)).stream()
                        .filter(r -> id.equals(TopicReader.header(r, "ce_subject")))
                        .filter(r -> "ProductUpdated".equals(TopicReader.header(r, "ce_type"))).forEach(updates::add);
            }
            assertThat(updates).hasSize(1);
            assertThat(TopicReader.value(updates.get(0))).contains("\"previousSlug\":\"" + oldSlug + "\"");
            assertThat(contracts.validate("ProductUpdated", json.readTree(TopicReader.value(updates.get(0))))).isEmpty();
        }
    }
}
