package com.glowglitch.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;

import com.glowglitch.platform.test.ServiceTest;
import com.glowglitch.platform.test.TestInfrastructure;
import com.glowglitch.platform.test.TopicReader;

import io.micrometer.core.instrument.MeterRegistry;

/** Products created while Kafka is down are not lost: their events wait in the outbox and all arrive later. */
@SpringBootTest(classes = CatalogApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BrokerOutageIT extends ServiceTest {

    @Autowired
    MeterRegistry meters;

    @Test
    void hundredProductsWrittenWhileTheBrokerIsDownAllArriveOnceItIsBack() {
        List<String> ids = new ArrayList<>();
        TestInfrastructure.stopKafka();
        try {
            for (int i = 0; i < 100; i++) {
                Map<?, ?> p = asAdmin().post().uri("/api/products").contentType(MediaType.APPLICATION_JSON)
                        .bodyValue("{\"name\":\"Outage Charm " + i + "\",\"category\":\"charms\","
                                + "\"price\":{\"amountMinor\":1500,\"currency\":\"USD\"}}")
                        .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
                ids.add((String) p.get("id"));
            }
            // writes succeed without the broker; the events wait
            await().atMost(Duration.ofSeconds(30)).until(() -> meters.get("outbox.pending").gauge().value() >= 100);
            assertThat(meters.get("outbox.oldest.age").gauge().value()).isGreaterThan(0);
        } finally {
            TestInfrastructure.startKafka();
        }
        try (TopicReader reader = new TopicReader("catalog.events")) {
            Set<String> arrived = new LinkedHashSet<>();
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                for (ConsumerRecord<byte[], byte[]> r : reader.await(Integer.MAX_VALUE, Duration.ofMillis(500))) {
                    String key = new String(r.key(), StandardCharsets.UTF_8);
                    if (ids.contains(key) && "ProductCreated".equals(TopicReader.header(r, "ce_type"))) {
                        arrived.add(key);
                    }
                }
                return arrived.size() == 100;
            });
            assertThat(arrived).containsExactlyInAnyOrderElementsOf(ids);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> meters.get("outbox.pending").gauge().value() == 0);
    }
}
