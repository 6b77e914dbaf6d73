package com.glowglitch.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The catalog is down while a shopper checks out: the order waits PENDING, the watchdog cancels it
 * when the stock step is overdue, and when the catalog comes back it works through what it missed
 * (OrderPlaced, then OrderCancelled) and ends with the stock exactly where it was.
 */
@SpringBootTest(classes = OrderApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CatalogOutageIT extends OrderTestSupport {

    @org.springframework.beans.factory.annotation.Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    @Test
    void anOrderTheCatalogNeverAnsweredIsCancelledAndTheCatalogCatchesUpWithoutLosingStock() {
        Item ring = product(4, 10_000);
        String me = userToken();
        Map<?, ?> cart = add(me, ring, 2);
        String pm = card(me, OK_CARD);
        assertThat(stock(ring.sku())).containsExactly(4, 2, 2, 0);

        catalog().stop();
        try {
            String number = (String) checkout(me, UUID.randomUUID().toString(), checkoutBody((String) cart.get("id"), pm))
                    .expectStatus().isAccepted().expectBody(Map.class).returnResult().getResponseBody().get("orderNumber");
            assertThat(order(me, number).get("status")).isEqualTo("PENDING");
            Map<?, ?> order = awaitStatus(me, number, "CANCELLED");
            Map<?, ?> why = (Map<?, ?>) order.get("cancellation");
            assertThat(why.get("code")).isEqualTo("stock-timeout");
            assertThat(why.get("actor")).isEqualTo("watchdog");
            assertThat(((Map<?, ?>) order.get("payment")).get("status")).isEqualTo("PENDING");
            // SREs see the watchdog's count of overdue orders (it was 1 at the pass that cancelled this one)
            assertThat(meters.get("orders.stuck").gauge()).isNotNull();
        } finally {
            catalog().start();
        }
        // back up: it commits the order's hold, then releases it on the cancellation
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(stock(ring.sku())).containsExactly(4, 4, 0, 0));
    }
}
