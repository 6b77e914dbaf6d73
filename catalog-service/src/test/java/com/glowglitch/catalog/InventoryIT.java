package com.glowglitch.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.MediaType;

import com.glowglitch.catalog.inventory.Inventory;
import com.glowglitch.contracts.EventContracts;
import com.glowglitch.platform.test.ServiceTest;
import com.glowglitch.platform.test.TopicReader;
import com.glowglitch.platform.web.ApiException;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(classes = CatalogApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class InventoryIT extends ServiceTest {

    @Autowired
    Inventory inventory;
    @Autowired
    ReactiveMongoTemplate mongo;

    /** Creates an active product with one SKU holding {@code stock} units; returns the SKU. */
    String productWithStock(int stock) {
        String sku = "T-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        asAdmin().post().uri("/api/products").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"Stock Ring " + sku + "\",\"category\":\"rings\",\"status\":\"active\","
                        + "\"price\":{\"amountMinor\":9900,\"currency\":\"USD\"},"
                        + "\"variants\":[{\"sku\":\"" + sku + "\",\"label\":\"size 6\",\"stock\":" + stock + "}]}")
                .exchange().expectStatus().isCreated();
        return sku;
    }

    long[] stock(String sku) {
        Document p = mongo.findOne(org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("variants.sku").is(sku)), Document.class, "products").block();
        @SuppressWarnings("unchecked")
        Document v = ((List<Document>) p.get("variants", List.class)).stream().filter(x -> sku.equals(x.getString("sku")))
                .findFirst().orElseThrow();
        Document s = v.get("stock", Document.class);
        return new long[] {((Number) s.get("total")).longValue(), ((Number) s.get("available")).longValue(),
                ((Number) s.get("reserved")).longValue(), ((Number) s.get("committed")).longValue()};
    }

    @Test
    void reserveReleaseAndRefreshThroughTheApiWithTheirEvents() {
        String sku = productWithStock(10);
        String token = customerToken();
        Map<?, ?> hold = as(token).post().uri("/api/inventory/reservations").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("cartId", "cart-1", "sku", sku, "quantity", 3)).exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
        String id = (String) hold.get("id");
        assertThat(stock(sku)).containsExactly(10, 7, 3, 0);
        http().get().uri("/api/products/{slug}", "stock-ring-" + sku.toLowerCase()).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.variants[0].available").isEqualTo(7);

        as(token).post().uri("/api/inventory/reservations").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("cartId", "cart-2", "sku", sku, "quantity", 8)).exchange().expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.type").isEqualTo("https://glowglitch.dev/problems/out-of-stock")
                .jsonPath("$.detail").isEqualTo("only 7 of " + sku + " can be reserved now, not 8");
        assertThat(stock(sku)).containsExactly(10, 7, 3, 0);

        as(token).post().uri("/api/inventory/reservations/{id}/refresh", id).exchange().expectStatus().isOk();
        as(token).delete().uri("/api/inventory/reservations/{id}", id).exchange().expectStatus().isNoContent();
        as(token).delete().uri("/api/inventory/reservations/{id}", id).exchange().expectStatus().isNoContent();
        assertThat(stock(sku)).containsExactly(10, 10, 0, 0);

        EventContracts contracts = new EventContracts();
        JsonMapper json = JsonMapper.builder().build();
        try (TopicReader reader = new TopicReader("catalog.events")) {
            List<ConsumerRecord<byte[], byte[]>> mine = new ArrayList<>();
            long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (mine.size() < 2 && System.nanoTime() < end) {
                mine.clear();
                reader.await(Integer.MAX_VALUE, Duration.ofMillis(300)).stream()
                        .filter(r -> TopicReader.value(r).contains(id)).forEach(mine::add);
            }
            Thread.sleep(500);
            reader.await(Integer.MAX_VALUE, Duration.ofMillis(300));
            assertThat(mine).extracting(r -> TopicReader.header(r, "ce_type")).containsExactly("InventoryReserved", "InventoryReleased");
            assertThat(mine).allSatisfy(r -> assertThat(contracts.validate(TopicReader.header(r, "ce_type"),
                    json.readTree(TopicReader.value(r)))).isEmpty());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void holdsGrowShrinkAndMoveToAnotherCartWithoutStockMoving() {
        String sku = productWithStock(6);
        String token = customerToken();
        String a = (String) as(token).post().uri("/api/inventory/reservations").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("cartId", "guest-cart", "sku", sku, "quantity", 2)).exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id");
        String b = (String) as(token).post().uri("/api/inventory/reservations").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("cartId", "user-cart", "sku", sku, "quantity", 1)).exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id");
        assertThat(stock(sku)).containsExactly(6, 3, 3, 0);

        as(token).patch().uri("/api/inventory/reservations/{id}", b).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("quantity", 4)).exchange().expectStatus().isOk().expectBody().jsonPath("$.quantity").isEqualTo(4);
        assertThat(stock(sku)).containsExactly(6, 0, 6, 0);
        as(token).patch().uri("/api/inventory/reservations/{id}", b).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("quantity", 5)).exchange().expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.type").isEqualTo("https://glowglitch.dev/problems/out-of-stock");
        as(token).patch().uri("/api/inventory/reservations/{id}", b).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("quantity", 1)).exchange().expectStatus().isOk();
        assertThat(stock(sku)).containsExactly(6, 3, 3, 0);

        // the guest's hold folds into the shopper's: one hold of 3 for the user's cart, stock untouched
        as(token).post().uri("/api/inventory/reservations/{id}/transfer", a).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("cartId", "user-cart", "into", b)).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.id").isEqualTo(b).jsonPath("$.quantity").isEqualTo(3).jsonPath("$.cartId").isEqualTo("user-cart");
        assertThat(stock(sku)).containsExactly(6, 3, 3, 0);
        as(token).get().uri("/api/inventory/reservations/{id}", a).exchange().expectStatus().isNotFound();
        // repeated: the source is gone, nothing changes
        as(token).post().uri("/api/inventory/reservations/{id}/transfer", a).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("cartId", "user-cart", "into", b)).exchange().expectStatus().isNotFound();
        assertThat(stock(sku)).containsExactly(6, 3, 3, 0);

        as(token).post().uri("/api/inventory/reservations/{id}/transfer", b).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("cartId", "third-cart")).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.cartId").isEqualTo("third-cart");
        as(token).delete().uri("/api/inventory/reservations/{id}", b).exchange().expectStatus().isNoContent();
        assertThat(stock(sku)).containsExactly(6, 6, 0, 0);
    }

    @Test
    void badReservationsAreRefusedAndChangeNothing() {
        String sku = productWithStock(5);
        String token = customerToken();
        for (String body : List.of(
                "{\"cartId\":\"c\",\"sku\":\"" + sku + "\",\"quantity\":0}",
                "{\"cartId\":\"c\",\"sku\":\"" + sku + "\",\"quantity\":-1}",
                "{\"cartId\":\"c\",\"sku\":\"" + sku + "\",\"quantity\":1.5}",
                "{\"cartId\":\"c\",\"sku\":\"" + sku + "\",\"quantity\":1000000000}",
                "{\"cartId\":\"c\",\"sku\":{\"$ne\":null},\"quantity\":1}",
                "{\"cartId\":\"c\",\"sku\":\"lower-case\",\"quantity\":1}")) {
            as(token).post().uri("/api/inventory/reservations").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                    .exchange().expectStatus().isBadRequest();
        }
        as(token).post().uri("/api/inventory/reservations").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"cartId\":\"c\",\"sku\":\"NO-SUCH-SKU\",\"quantity\":1}").exchange().expectStatus().isNotFound();
        http().post().uri("/api/inventory/reservations").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"cartId\":\"c\",\"sku\":\"" + sku + "\",\"quantity\":1}").exchange().expectStatus().isUnauthorized();
        assertThat(stock(sku)).containsExactly(5, 5, 0, 0);
    }

    @Autowired
    com.glowglitch.catalog.inventory.Commitments commitments;

    /**
     * 200 concurrent operations of every kind that moves stock — reserve, release, resize, commit an
     * order from its hold, commit an order straight from the shelf — with random sizes on one SKU
     * holding 10 units, in a seeded random interleaving: available never goes below zero, the books
     * always balance, and at the end what is committed is exactly what the committed orders took.
     */
    @Test
    void booksBalanceUnderConcurrentReserveReleaseResizeAndCommit() {
        String sku = productWithStock(10);
        String productId = mongo.findOne(org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("variants.sku").is(sku)), Document.class, "products")
                .block().getString("_id");
        Random random = new Random(7);
        ConcurrentLinkedQueue<Inventory.Hold> held = new ConcurrentLinkedQueue<>();
        AtomicInteger committedUnits = new AtomicInteger();
        AtomicInteger rejectedOrders = new AtomicInteger();
        List<Mono<?>> ops = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int kind = random.nextInt(10);
            int qty = 1 + random.nextInt(3);
            String order = "order-" + UUID.randomUUID();
            if (kind < 4) {
                ops.add(inventory.reserve("cart-" + i, sku, qty).doOnNext(held::add).onErrorResume(ApiException.class, e -> Mono.empty()));
            } else if (kind < 6) {
                ops.add(Mono.defer(() -> {
                    Inventory.Hold h = held.poll();
                    return h == null ? Mono.empty() : inventory.release(h.id(), "released");
                }));
            } else if (kind < 7) {
                ops.add(Mono.defer(() -> {
                    Inventory.Hold h = held.poll();
                    return h == null ? Mono.empty() : inventory.resize(h.id(), qty).doOnNext(held::add)
                            .onErrorResume(ApiException.class, e -> {
                                held.add(h); // refused growth leaves the hold as it was
                                return Mono.empty();
                            });
                }));
            } else if (kind < 9) {
                ops.add(Mono.defer(() -> {
                    Inventory.Hold h = held.poll();
                    if (h == null) {
                        return Mono.empty();
                    }
                    return commitments.commit(order, "GG-100000", List.of(new com.glowglitch.catalog.inventory.Commitments.Line(
                                    productId, sku, h.quantity(), h.id())))
                            .doOnNext(status -> count(status, h.quantity(), committedUnits, rejectedOrders));
                }));
            } else {
                ops.add(commitments.commit(order, "GG-100000", List.of(new com.glowglitch.catalog.inventory.Commitments.Line(
                                productId, sku, qty, null)))
                        .doOnNext(status -> count(status, qty, committedUnits, rejectedOrders)));
            }
        }
        List<long[]> samples = new java.util.concurrent.CopyOnWriteArrayList<>();
        Flux.merge(Flux.fromIterable(ops).map(m -> m.then(Mono.fromRunnable(() -> samples.add(stock(sku)))
                        .subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic()))), 32)
                .blockLast(Duration.ofSeconds(120));

        assertThat(samples).hasSize(200).allSatisfy(s -> {
            assertThat(s[1]).as("available").isGreaterThanOrEqualTo(0);
            assertThat(s[1] + s[2] + s[3]).as("available + reserved + committed").isEqualTo(s[0]);
        });
        long[] end = stock(sku);
        assertThat(end[3]).as("committed equals what committed orders took").isEqualTo(committedUnits.get());
        assertThat(end[2]).as("reserved equals the holds still alive").isEqualTo(held.stream().mapToLong(Inventory.Hold::quantity).sum());
        assertThat(committedUnits.get()).as("some orders committed").isPositive();
        assertThat(rejectedOrders.get()).as("some orders met an empty shelf").isPositive();
    }

    private static void count(String status, int qty, AtomicInteger committed, AtomicInteger rejected) {
        if ("COMMITTED".equals(status)) {
            committed.addAndGet(qty);
        } else if ("REJECTED".equals(status)) {
            rejected.incrementAndGet();
        }
    }

    /**
     * 200 concurrent reserve / release / refresh operations with random sizes on one SKU holding 10
     * units: stock never goes negative, the books always balance, and what is held equals what
     * the successful reservations minus the releases took.
     */
    @Test
    void neverOversellsUnderConcurrency() {
        String sku = productWithStock(10);
        Random random = new Random(42);
        ConcurrentLinkedQueue<Inventory.Hold> held = new ConcurrentLinkedQueue<>();
        AtomicInteger rejected = new AtomicInteger();
        List<Mono<?>> ops = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int kind = random.nextInt(10);
            int qty = 1 + random.nextInt(3);
            if (kind < 6) {
                ops.add(inventory.reserve("cart-" + i, sku, qty).doOnNext(held::add)
                        .onErrorResume(ApiException.class, e -> {
                            rejected.incrementAndGet();
                            return Mono.empty();
                        }));
            } else if (kind < 9) {
                ops.add(Mono.defer(() -> {
                    Inventory.Hold h = held.poll();
                    return h == null ? Mono.empty() : inventory.release(h.id(), "released");
                }));
            } else {
                ops.add(Mono.defer(() -> {
                    Inventory.Hold h = held.peek();
                    return h == null ? Mono.empty() : inventory.refresh(h.id()).onErrorResume(e -> Mono.empty());
                }));
            }
        }
        List<long[]> samples = new java.util.concurrent.CopyOnWriteArrayList<>();
        Flux.merge(Flux.fromIterable(ops).map(m -> m.then(Mono.fromRunnable(() -> samples.add(stock(sku)))
                        .subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic()))), 32)
                .blockLast(Duration.ofSeconds(120));

        assertThat(samples).hasSize(200).allSatisfy(s -> {
            assertThat(s[1]).as("available").isGreaterThanOrEqualTo(0);
            assertThat(s[1] + s[2] + s[3]).as("available + reserved + committed").isEqualTo(s[0]);
        });
        long[] end = stock(sku);
        long stillHeld = held.stream().mapToLong(Inventory.Hold::quantity).sum();
        assertThat(end[2]).as("reserved equals the holds not released").isEqualTo(stillHeld);
        assertThat(end[1]).isEqualTo(10 - stillHeld);
        assertThat(rejected.get()).as("some reservations must have met an empty shelf").isPositive();
    }
}
