package com.glowglitch.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;

import com.glowglitch.platform.test.ServiceTest;

/** Browsing in its own database, so the counts are exactly what this test created. */
@SpringBootTest(classes = CatalogApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.mongodb.database=catalog-browse-it")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProductBrowseIT extends ServiceTest {

    @BeforeAll
    void catalog() {
        // 12 rings (prices 1000..12000, every third out of stock), 6 necklaces, 2 drafts
        for (int i = 1; i <= 12; i++) {
            create("Browse Ring " + i, "rings", i * 1000L, i % 3 == 0 ? 0 : 5, "active", i % 2 == 0 ? "[\"gold\"]" : "[\"silver\"]",
                    "A ring with a moonstone number " + i);
        }
        for (int i = 1; i <= 6; i++) {
            create("Browse Necklace " + i, "necklaces", 50_000L + i, 2, "active", "[\"pearl\"]", "Pearls on a chain");
        }
        create("Secret Draft Ring", "rings", 500L, 5, "draft", "[]", "not yet");
        create("Another Draft", "charms", 600L, 5, "draft", "[]", "not yet");
    }

    private String create(String name, String category, long price, int stock, String status, String tags, String description) {
        Map<?, ?> p = asAdmin().post().uri("/api/products").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"" + name + "\",\"category\":\"" + category + "\",\"status\":\"" + status + "\","
                        + "\"description\":\"" + description + "\",\"tags\":" + tags + ","
                        + "\"price\":{\"amountMinor\":" + price + ",\"currency\":\"USD\"},"
                        + "\"variants\":[{\"sku\":\"BR-" + name.replaceAll("[^A-Za-z0-9]", "").toUpperCase() + "\",\"stock\":" + stock + "}]}")
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        return (String) p.get("id");
    }

    @SuppressWarnings("unchecked")
    private List<Document> walk(String query, List<String> cursorsSeen) {
        List<Document> all = new ArrayList<>();
        String cursor = null;
        do {
            Document page = Document.parse(new String(http().get().uri("/api/products?" + query + (cursor == null ? "" : "&cursor=" + cursor))
                    .exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody(), StandardCharsets.UTF_8));
            all.addAll(page.get("items", List.class));
            cursor = page.getString("nextCursor");
            if (cursor != null) {
                cursorsSeen.add(cursor);
            }
        } while (cursor != null);
        return all;
    }

    private static List<Long> prices(List<Document> items) {
        return items.stream().map(d -> ((Number) d.get("price", Document.class).get("amountMinor")).longValue()).toList();
    }

    @Test
    void filtersAndSortsReturnExactlyTheMatchingActiveProductsInOrder() {
        List<Document> rings = walk("category=rings&sort=price_asc&limit=5", new ArrayList<>());
        assertThat(prices(rings)).containsExactly(1000L, 2000L, 3000L, 4000L, 5000L, 6000L, 7000L, 8000L, 9000L, 10000L, 11000L, 12000L);
        assertThat(prices(walk("category=rings&sort=price_desc&limit=4&minPrice=3000&maxPrice=7000", new ArrayList<>())))
                .containsExactly(7000L, 6000L, 5000L, 4000L, 3000L);
        assertThat(walk("category=rings&inStock=true&limit=100", new ArrayList<>())).hasSize(8);
        assertThat(walk("tag=gold&limit=100", new ArrayList<>())).hasSize(6);
        List<Document> everything = walk("limit=100", new ArrayList<>());
        assertThat(everything).noneMatch(d -> d.getString("status").equals("draft"));
        assertThat(everything).filteredOn(d -> d.getString("name").startsWith("Browse ")).hasSize(18);
        http().get().uri("/api/products?category=tiaras").exchange().expectStatus().isBadRequest();
        http().get().uri("/api/products?sort=random").exchange().expectStatus().isBadRequest();
        http().get().uri("/api/products?minPrice=5&maxPrice=1").exchange().expectStatus().isBadRequest();
        http().get().uri("/api/products?minPrice=1.5").exchange().expectStatus().isBadRequest();
    }

    @Test
    void walkingAllPagesWhileProductsAreInsertedVisitsEveryMatchingProductExactlyOnce() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        Thread writer = new Thread(() -> {
            int i = 0;
            while (!stop.get() && i < 30) {
                create("Concurrent Charm " + i++, "charms", 777L, 1, "active", "[]", "inserted while paging");
            }
        });
        writer.start();
        List<Document> seen;
        try {
            seen = walk("category=necklaces&sort=price_asc&limit=2", new ArrayList<>());
        } finally {
            stop.set(true);
            writer.join();
        }
        assertThat(seen).extracting(d -> d.getString("id")).doesNotHaveDuplicates().hasSize(6);
        List<Document> newest = walk("category=rings&limit=3", new ArrayList<>());
        assertThat(newest).extracting(d -> d.getString("id")).doesNotHaveDuplicates().hasSize(12);
    }

    @Test
    void featuredProductsComeInRankOrder() {
        String a = create("Feature A", "sets", 100L, 1, "active", "[]", "a");
        String b = create("Feature B", "sets", 100L, 1, "active", "[]", "b");
        asAdmin().put().uri("/api/products/{id}/featured", a).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"featured\":true,\"rank\":2}").exchange().expectStatus().isOk();
        asAdmin().put().uri("/api/products/{id}/featured", b).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"featured\":true,\"rank\":1}").exchange().expectStatus().isOk();
        http().get().uri("/api/products/featured?limit=8").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$[0].id").isEqualTo(b).jsonPath("$[1].id").isEqualTo(a).jsonPath("$.length()").isEqualTo(2);
        http().get().uri("/api/products/featured?limit=500").exchange().expectStatus().isBadRequest();
    }

    @Test
    void searchFindsByNameTagAndDescriptionWordsAndTreatsOperatorsAsText() {
        http().get().uri("/api/products/search?q=necklace").exchange().expectStatus().isOk().expectBody().jsonPath("$.length()").isEqualTo(6);
        http().get().uri("/api/products/search?q=GOLD").exchange().expectStatus().isOk().expectBody().jsonPath("$.length()").isEqualTo(6);
        http().get().uri("/api/products/search?q=moonstone 7").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.length()").isEqualTo(1).jsonPath("$[0].name").isEqualTo("Browse Ring 7");
        http().get().uri("/api/products/search?q=draft").exchange().expectStatus().isOk().expectBody().jsonPath("$.length()").isEqualTo(0);
        http().get().uri("/api/products/search?q=.*").exchange().expectStatus().isOk().expectBody().jsonPath("$.length()").isEqualTo(0);
        http().get().uri("/api/products/search?q={q}", "{\"$regex\":\".*\"}").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.length()").isEqualTo(0);
        http().get().uri("/api/products/search?q=").exchange().expectStatus().isBadRequest();
    }
}
