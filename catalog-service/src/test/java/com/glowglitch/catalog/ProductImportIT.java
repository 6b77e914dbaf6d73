package com.glowglitch.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;

import com.glowglitch.platform.test.ServiceTest;

@SpringBootTest(classes = CatalogApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProductImportIT extends ServiceTest {

    @Test
    @SuppressWarnings("unchecked")
    void eachRowIsCreatedOrRejectedWithItsReasonsAndNothingIsHalfWritten() {
        String run = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        String row = "{\"name\":\"Import %s\",\"category\":\"%s\",\"status\":\"active\",\"price\":{\"amountMinor\":%s,\"currency\":\"USD\"},"
                + "\"description\":\"%s\",\"variants\":[{\"sku\":\"%s\",\"stock\":5}]}";
        String body = "[" + String.join(",", List.of(
                row.formatted("Good One " + run, "rings", "1000", "fine", "IMP-" + run + "-1"),
                row.formatted("Bad Category " + run, "spaceships", "1000", "fine", "IMP-" + run + "-2"),
                row.formatted("Fraction " + run, "rings", "10.5", "fine", "IMP-" + run + "-3"),
                row.formatted("Markup " + run, "rings", "1000", "<script>alert(1)</script>", "IMP-" + run + "-4"),
                row.formatted("Same Sku " + run, "rings", "1000", "fine", "IMP-" + run + "-1"),
                "\"not an object\"",
                row.formatted("Good Two " + run, "charms", "2500", "fine", "IMP-" + run + "-5"))) + "]";
        Map<?, ?> report = asAdmin().post().uri("/api/products/import").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(report.get("received")).isEqualTo(7);
        List<Map<String, Object>> created = (List<Map<String, Object>>) report.get("created");
        List<Map<String, Object>> rejected = (List<Map<String, Object>>) report.get("rejected");
        assertThat(created).extracting(c -> c.get("index")).containsExactly(0, 6);
        assertThat(rejected).extracting(r -> r.get("index")).containsExactly(1, 2, 3, 4, 5);
        assertThat(rejected.get(3).get("errors").toString()).contains("sku");
        assertThat(rejected.get(2).get("errors").toString()).contains("description");

        http().get().uri("/api/products/{slug}", "import-good-one-" + run.toLowerCase()).exchange().expectStatus().isOk();
        for (String slug : List.of("import-bad-category-", "import-fraction-", "import-markup-", "import-same-sku-")) {
            http().get().uri("/api/products/{slug}", slug + run.toLowerCase()).exchange().expectStatus().isNotFound();
        }

        as(customerToken()).post().uri("/api/products/import").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isForbidden();
        asAdmin().post().uri("/api/products/import").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\":\"x\"}")
                .exchange().expectStatus().isBadRequest();
        asAdmin().post().uri("/api/products/import").contentType(MediaType.APPLICATION_JSON).bodyValue("[]")
                .exchange().expectStatus().isBadRequest();
        asAdmin().post().uri("/api/products/import").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("[" + String.join(",", java.util.Collections.nCopies(501, "{}")) + "]")
                .exchange().expectStatus().isBadRequest();
    }
}
