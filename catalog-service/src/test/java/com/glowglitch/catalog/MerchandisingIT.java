package com.glowglitch.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;

import com.glowglitch.platform.test.ServiceTest;

/** SEO, images, 3D/AR, compare-at price, collections and designer: stored, shown, validated and filterable. */
@SpringBootTest(classes = CatalogApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MerchandisingIT extends ServiceTest {

    static final String OPTIONS = "{\"materials\":[{\"code\":\"rose-gold\",\"name\":\"Rose gold\",\"priceModifierMinor\":5000}],"
            + "\"gemstones\":[{\"code\":\"moonstone\",\"name\":\"Moonstone\",\"priceModifierMinor\":3000}]}";

    Map<?, ?> create(String name, String merch, int status) {
        return asAdmin().post().uri("/api/products").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"" + name + "\",\"category\":\"necklaces\",\"status\":\"active\",\"description\":\""
                        + "A long pendant of hand-cut moonstone on a fine chain. ".repeat(5) + "\","
                        + "\"price\":{\"amountMinor\":20000,\"currency\":\"USD\"},\"options\":" + OPTIONS
                        + (merch == null ? "" : ",\"merchandising\":" + merch) + "}")
                .exchange().expectStatus().isEqualTo(status).expectBody(Map.class).returnResult().getResponseBody();
    }

    @Test
    void merchandisingIsStoredWithDefaultsAndShown() {
        String col = "drop-" + UUID.randomUUID().toString().substring(0, 6);
        String creator = "creator-" + UUID.randomUUID().toString().substring(0, 6);
        Map<?, ?> p = create("Moonlit Pendant " + col, "{\"images\":[{\"url\":\"https://cdn.example.com/b.jpg\",\"alt\":\"worn\",\"order\":1},"
                + "{\"url\":\"https://cdn.example.com/a.jpg\",\"alt\":\"front\",\"order\":0}],"
                + "\"model3d\":{\"assetId\":\"asset-1\",\"glb\":true,\"usdz\":false},"
                + "\"compareAtPrice\":{\"amountMinor\":25000,\"currency\":\"USD\"},\"collections\":[\"" + col + "\"],"
                + "\"designerCreatorId\":\"" + creator + "\",\"seo\":{\"keywords\":[\"Moonstone\",\"moonstone\",\"pendant\"]}}", 201);
        assertThat(((Map<?, ?>) p.get("seo")).get("title")).isEqualTo(p.get("name"));
        assertThat((String) ((Map<?, ?>) p.get("seo")).get("description")).hasSizeLessThanOrEqualTo(160).startsWith("A long pendant");
        assertThat(((Map<?, ?>) p.get("seo")).get("keywords")).isEqualTo(List.of("moonstone", "pendant"));
        assertThat(((List<?>) p.get("images")).stream().map(i -> (Object) ((Map<?, ?>) i).get("alt")).toList()).containsExactly("front", "worn");
        assertThat(p.get("model3d")).isEqualTo(Map.of("assetId", "asset-1", "glb", true, "usdz", false));
        assertThat(((Map<?, ?>) p.get("compareAtPrice")).get("amountMinor")).isEqualTo(25000);

        http().get().uri("/api/products?collection={c}", col).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.items.length()").isEqualTo(1).jsonPath("$.items[0].id").isEqualTo(p.get("id"));
        http().get().uri("/api/products?creator={c}", creator).exchange().expectBody().jsonPath("$.items.length()").isEqualTo(1);
        http().get().uri("/api/products?collection={c}&material=rose-gold&gemstone=moonstone", col).exchange()
                .expectBody().jsonPath("$.items.length()").isEqualTo(1);
        http().get().uri("/api/products?collection={c}&material=platinum", col).exchange()
                .expectBody().jsonPath("$.items.length()").isEqualTo(0);
        http().get().uri("/api/products?collection={c}", "{\"$ne\":1}").exchange().expectStatus().isBadRequest();
        // list views ask only for what a card shows
        Map<?, ?> slim = http().get().uri("/api/products?collection={c}&fields=name,price,images", col).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(((Map<?, ?>) ((List<?>) slim.get("items")).get(0)).keySet().stream().map(String::valueOf).toList())
                .containsExactlyInAnyOrder("id", "name", "price", "images");
        http().get().uri("/api/products?fields=name,secretSauce").exchange().expectStatus().isBadRequest();
        http().get().uri("/api/products?creator={c}", "a b").exchange().expectStatus().isBadRequest();

        // the price cannot climb to the "was" price; the merchandising block can be replaced
        asAdmin().put().uri("/api/products/{id}/price", p.get("id")).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"price\":{\"amountMinor\":25000,\"currency\":\"USD\"}}").exchange().expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.type").isEqualTo("https://glowglitch.dev/problems/price-above-compare-at");
        asAdmin().patch().uri("/api/products/{id}", p.get("id")).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"version\":" + p.get("version") + ",\"merchandising\":{\"collections\":[\"" + col + "-2\"],"
                        + "\"seo\":{\"title\":\"Moonlit pendant | GlowGlitch\"}}}")
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.seo.title").isEqualTo("Moonlit pendant | GlowGlitch").jsonPath("$.collections[0]").isEqualTo(col + "-2")
                .jsonPath("$.compareAtPrice").doesNotExist();
    }

    @org.springframework.beans.factory.annotation.Autowired
    com.glowglitch.catalog.product.SearchMode searchMode;

    /** The embedded store has no $text: search falls back to the regex scan (and says so at start-up). */
    @Test
    void searchFallsBackToRegexOnTheEmbeddedStore() {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(searchMode.mode()).isEqualTo(com.glowglitch.catalog.product.SearchMode.Mode.REGEX));
    }

    @Test
    void badMerchandisingIsRefused() {
        String n = "Bad Pendant " + UUID.randomUUID().toString().substring(0, 6);
        create(n, "{\"images\":[{\"url\":\"javascript:alert(1)\",\"alt\":\"x\",\"order\":0}]}", 400);
        create(n, "{\"images\":[{\"url\":\"http://insecure.example.com/a.jpg\",\"alt\":\"x\",\"order\":0}]}", 400);
        create(n, "{\"images\":[{\"url\":\"https://cdn.example.com/a.jpg\",\"alt\":\"<script>\",\"order\":0}]}", 400);
        create(n, "{\"collections\":[\"Not A Slug\"]}", 400);
        create(n, "{\"seo\":{\"title\":\"" + "t".repeat(71) + "\"}}", 400);
        create(n, "{\"model3d\":{\"glb\":true}}", 400);
        create(n, "{\"compareAtPrice\":{\"amountMinor\":19999,\"currency\":\"USD\"}}", 422);
        create(n, "{\"compareAtPrice\":{\"amountMinor\":30000,\"currency\":\"EUR\"}}", 422);
        http().get().uri("/api/products/{slug}", n.toLowerCase().replace(' ', '-')).exchange().expectStatus().isNotFound();
    }
}
