package com.glowglitch.platform.dbadmin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.glowglitch.platform.migration.MigrationRunner;
import com.glowglitch.platform.mongo.MongoPingHealthIndicator;
import com.glowglitch.platform.mongo.SlowOperationLog;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The per-service half of the brief's database admin API; the gateway's {@code /api/db/*}
 * fans out to these and aggregates. Admin role required (see PlatformSecurity).
 */
@RestController
@RequestMapping("/admin/db")
public class DbAdminController {

    private final String service;
    private final ReactiveMongoTemplate mongo;
    private final MigrationRunner migrations;
    private final List<Seeder> seeders;
    private final KafkaStatus kafka;
    private final SlowOperationLog slowLog;
    private final MeterRegistry meters;
    private final MongoPingHealthIndicator mongoPing;

    public DbAdminController(String service, ReactiveMongoTemplate mongo, MigrationRunner migrations, List<Seeder> seeders,
                             KafkaStatus kafka, SlowOperationLog slowLog, MeterRegistry meters, MongoPingHealthIndicator mongoPing) {
        this.service = service;
        this.mongo = mongo;
        this.migrations = migrations;
        this.seeders = seeders;
        this.kafka = kafka;
        this.slowLog = slowLog;
        this.meters = meters;
        this.mongoPing = mongoPing;
    }

    @PostMapping("/init")
    public Mono<Map<String, Object>> init() {
        return migrations.migrate().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("service", service);
            m.put("applied", r.applied());
            m.put("alreadyApplied", r.alreadyApplied());
            return m;
        });
    }

    @PostMapping("/seed")
    public Mono<Map<String, Object>> seed() {
        return Flux.fromIterable(seeders).concatMap(Seeder::seed).collectList().map(results -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("service", service);
            m.put("seeded", results);
            m.put("created", results.stream().mapToLong(Seeder.Result::created).sum());
            return m;
        });
    }

    @GetMapping("/health")
    public Mono<Map<String, Object>> health() {
        Mono<Map<String, Object>> mongoStatus = mongoPing.ping()
                .map(details -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("status", "UP");
                    m.putAll(details);
                    return m;
                })
                .onErrorResume(e -> Mono.just(Map.of("status", "DOWN", "error", e.getClass().getSimpleName())));
        return Mono.zip(mongoStatus, kafka.check()).map(t -> {
            boolean up = "UP".equals(t.getT1().get("status")) && "UP".equals(t.getT2().get("status"));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("service", service);
            m.put("status", up ? "UP" : "DOWN");
            m.put("mongodb", t.getT1());
            m.put("kafka", t.getT2());
            return m;
        });
    }

    @GetMapping("/metrics")
    public Mono<Map<String, Object>> metrics() {
        return mongo.getCollectionNames()
                .filter(n -> !n.startsWith("system."))
                .flatMap(n -> mongo.getCollection(n).flatMap(c -> Mono.from(c.countDocuments())).map(count -> Map.entry(n, count)))
                .collectSortedList(Map.Entry.comparingByKey())
                .map(counts -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("service", service);
                    m.put("pool", pool());
                    m.put("operations", operations());
                    m.put("slowOperations", Map.of("count", slowLog.slowCount(), "recent", slowLog.recent()));
                    Map<String, Long> collections = new LinkedHashMap<>();
                    counts.forEach(e -> collections.put(e.getKey(), e.getValue()));
                    m.put("collections", collections);
                    m.put("outbox", Map.of("pending", gauge("outbox.pending"), "oldestAgeSeconds", gauge("outbox.oldest.age")));
                    return m;
                });
    }

    private Map<String, Object> pool() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("size", gauge("mongodb.driver.pool.size"));
        m.put("checkedOut", gauge("mongodb.driver.pool.checkedout"));
        m.put("waitQueue", gauge("mongodb.driver.pool.waitqueuesize"));
        return m;
    }

    private Map<String, Object> operations() {
        Map<String, Object> byCommand = new LinkedHashMap<>();
        for (Timer t : meters.find("mongodb.driver.commands").timers()) {
            String cmd = t.getId().getTag("command");
            String status = t.getId().getTag("status");
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("count", t.count());
            s.put("meanMs", round(t.mean(TimeUnit.MILLISECONDS)));
            s.put("maxMs", round(t.max(TimeUnit.MILLISECONDS)));
            byCommand.put(cmd + ("SUCCESS".equals(status) || status == null ? "" : ":" + status), s);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("total", slowLog.commandCount());
        m.put("failed", slowLog.failureCount());
        m.put("byCommand", byCommand);
        return m;
    }

    private double gauge(String name) {
        return meters.find(name).gauges().stream().mapToDouble(Gauge::value).filter(v -> !Double.isNaN(v)).sum();
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
