package com.glowglitch.platform.mongo;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.bson.Document;
import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

import reactor.core.publisher.Mono;

/**
 * MongoDB health by {@code ping}, which both real MongoDB and the embedded store answer
 * (Boot's own indicator uses {@code hello}, which the embedded store lacks).
 */
public class MongoPingHealthIndicator extends AbstractReactiveHealthIndicator {

    private final ReactiveMongoTemplate mongo;
    private final Duration timeout;

    public MongoPingHealthIndicator(ReactiveMongoTemplate mongo, Duration timeout) {
        super("MongoDB ping failed");
        this.mongo = mongo;
        this.timeout = timeout;
    }

    @Override
    protected Mono<Health> doHealthCheck(Health.Builder builder) {
        return ping().map(details -> builder.up().withDetails(details).build());
    }

    /** {@code database} and {@code latencyMs} of one ping; errors (and timeouts) are signalled. */
    public Mono<Map<String, Object>> ping() {
        return mongo.getMongoDatabase().flatMap(db -> {
            long start = System.nanoTime();
            return Mono.from(db.runCommand(new Document("ping", 1))).timeout(timeout).map(r -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("database", db.getName());
                m.put("latencyMs", (System.nanoTime() - start) / 1_000_000);
                return m;
            });
        });
    }
}
