package com.glowglitch.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;

import com.glowglitch.catalog.inventory.Inventory;
import com.glowglitch.catalog.inventory.ReservationExpiry;
import com.glowglitch.platform.test.MutableClock;
import com.glowglitch.platform.test.MutableClockConfig;
import com.glowglitch.platform.test.ServiceTest;
import com.glowglitch.platform.test.TopicReader;

@SpringBootTest(classes = {CatalogApplication.class, MutableClockConfig.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"glowglitch.catalog.reservation-expiry-interval=1h", "spring.mongodb.database=catalog-expiry-it"})
class ReservationExpiryIT extends ServiceTest {


    @Autowired
    MutableClock clock;
    @Autowired
    Inventory inventory;
    @Autowired
    ReservationExpiry expiry;

    @Test
    void aHoldOlderThanFifteenMinutesIsReleasedByTheJobAndAnnouncedExactlyOnce() {
        String sku = "EXP-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        asAdmin().post().uri("/api/products").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"Expiry Ring " + sku + "\",\"category\":\"rings\",\"status\":\"active\","
                        + "\"price\":{\"amountMinor\":100,\"currency\":\"USD\"},\"variants\":[{\"sku\":\"" + sku + "\",\"stock\":4}]}")
                .exchange().expectStatus().isCreated();
        Inventory.Hold kept = inventory.reserve("cart-a", sku, 1).block();
        Inventory.Hold lapsing = inventory.reserve("cart-b", sku, 2).block();

        clock.advance(Duration.ofMinutes(10));
        inventory.refresh(kept.id()).block(); // cart activity keeps this one alive
        clock.advance(Duration.ofMinutes(6));
        assertThat(expiry.runOnce().block()).isEqualTo(1);
        assertThat(expiry.runOnce().block()).isZero();
        assertThat(inventory.findHold(lapsing.id()).blockOptional()).isEmpty();
        assertThat(inventory.findHold(kept.id()).blockOptional()).isPresent();
        http().get().uri("/api/products/{slug}", "expiry-ring-" + sku.toLowerCase()).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.variants[0].available").isEqualTo(3);

        try (TopicReader reader = new TopicReader("catalog.events")) {
            List<ConsumerRecord<byte[], byte[]>> released = new java.util.ArrayList<>();
            long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (released.isEmpty() && System.nanoTime() < end) {
                reader.await(Integer.MAX_VALUE, Duration.ofMillis(300)).stream()
                        .filter(r -> "InventoryReleased".equals(TopicReader.header(r, "ce_type")))
                        .filter(r -> TopicReader.value(r).contains(lapsing.id())).forEach(released::add);
            }
            reader.await(Integer.MAX_VALUE, Duration.ofSeconds(2)).stream()
                    .filter(r -> "InventoryReleased".equals(TopicReader.header(r, "ce_type")))
                    .filter(r -> TopicReader.value(r).contains(lapsing.id()) && !released.contains(r)).forEach(released::add);
            assertThat(released).hasSize(1);
            assertThat(TopicReader.value(released.get(0))).contains("\"reason\":\"expired\"").contains("\"cartId\":\"cart-b\"");
        }
    }
}
