package com.glowglitch.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * End-to-end latency of the event pipelines, each measured from timestamps the system itself
 * records (event time, broker record time, order timeline, audit entry), at two arrival rates,
 * open model. A pipeline is one {@link Pipeline}: to add one (review approved → rating visible,
 * order paid → commission visible), write its {@code measure} and list it in {@link #PIPELINES}.
 */
final class EventsBench {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One or more latencies measured by one load at one rate; each result names its pipeline. */
    interface Pipeline {
        /** pipeline name → {latencyMs: {p50, p90, p99, max}, count, errors, ...} */
        Map<String, Map<String, Object>> measure(Context c, double rate, Duration warmup, Duration duration) throws Exception;
    }

    record Context(String gateway, String kafka, String admin) {
    }

    static final List<Pipeline> PIPELINES = List.of(EventsBench::outbox, EventsBench::checkout);

    private EventsBench() {
    }

    static Map<String, Object> run(double[] rates, Duration warmup, Duration duration) throws Exception {
        String gateway = System.getenv().getOrDefault("GATEWAY_URL", "http://127.0.0.1:8080");
        String kafka = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
        Context c = new Context(gateway, kafka, Http.token(Http.send(HTTP, Http.post(gateway + "/api/auth/login", null,
                "{\"email\":\"admin@glowglitch.local\",\"password\":\"LocalDev-Admin-Pass-1!\"}", Map.of()))));
        Map<String, Map<String, Object>> pipelines = new LinkedHashMap<>();
        for (Pipeline p : PIPELINES) {
            p.measure(c, rates[0], Duration.ofSeconds(2), Duration.ofSeconds(5)); // warm-up of the JVMs on this path, not kept
            for (double rate : rates) {
                for (Map.Entry<String, Map<String, Object>> m : p.measure(c, rate, warmup, duration).entrySet()) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> byRate = (Map<String, Object>) pipelines.computeIfAbsent(m.getKey(), k -> new LinkedHashMap<>())
                            .computeIfAbsent("byRate", k -> new LinkedHashMap<>());
                    byRate.put(String.valueOf((int) rate), m.getValue());
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("scenario", "events");
        out.put("cores", Runtime.getRuntime().availableProcessors());
        out.put("rates", rates);
        out.put("warmupSeconds", warmup.toSeconds());
        out.put("seconds", duration.toSeconds());
        out.put("pipelines", pipelines);
        out.put("warmupPerPipeline", "one unrecorded 7 s run at the lower rate before each pipeline's measured runs");
        out.put("note", "outboxWriteToPublish: products created through the gateway at the rate; Kafka record timestamp "
                + "(producer send) minus the event's ce_time (taken in the document write). checkoutToPaid: a guest's checkout "
                + "from its intended start to the PAID entry of the order's timeline; placedToPaid: the saga alone (PENDING -> "
                + "PAID). orderPaidToAudit: the OrderPaid event's time to the compliance audit entry's recordedAt. Same-run "
                + "baseline: a bare producer's send -> ack on the same broker (in outboxWriteToPublish).");
        return out;
    }

    /** Outbox write → broker: product creations at {@code rate}, matched to their ProductCreated records. */
    static Map<String, Map<String, Object>> outbox(Context c, double rate, Duration warmup, Duration duration) throws Exception {
        Histogram h = new Histogram(TimeUnit.MINUTES.toMicros(2), 3);
        try (KafkaConsumer<byte[], byte[]> consumer = Broker.tailing(c.kafka(), "catalog.events")) {
            String run = UUID.randomUUID().toString().substring(0, 8);
            OpenLoad.Result created = new OpenLoad(HTTP).run(rate, warmup, duration, i -> Http.post(c.gateway() + "/api/products", c.admin(),
                    "{\"name\":\"Events Bench " + run + " " + i + "\",\"category\":\"rings\",\"status\":\"active\","
                            + "\"price\":{\"amountMinor\":9900,\"currency\":\"USD\"}}", Map.of()), 201);
            // the load keeps no answers; the events are matched by the run's name prefix and the call's index in the name
            int expected = (int) created.latencyMicros().getTotalCount() - created.errors();
            int matched = 0;
            long deadline = System.currentTimeMillis() + 30_000;
            while (matched < expected && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    String type = Broker.header(r, "ce_type");
                    String body = new String(r.value(), StandardCharsets.UTF_8);
                    if (type == null || !type.endsWith("ProductCreated") || !body.contains("Events Bench " + run + " ")) {
                        continue;
                    }
                    Instant written = Instant.parse(Broker.header(r, "ce_time"));
                    // the i-th call was due at i / rate seconds: the first rate x warm-up calls are the warm-up
                    int index = Integer.parseInt(body.replaceAll("(?s).*Events Bench " + run + " (\\d+).*", "$1"));
                    if (index < Math.round(rate * warmup.toSeconds())) {
                        continue;
                    }
                    h.recordValue(Math.max(0, (r.timestamp() - written.toEpochMilli()) * 1000));
                    matched++;
                }
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("latencyMs", SagaBench.percentiles(h));
            m.put("count", h.getTotalCount());
            m.put("errors", created.errors() + Math.max(0, expected - matched));
            m.put("httpCreateMs", created.toMap());
            m.put("baselineProducerAckMs", producerAck(c.kafka(), (int) Math.max(200, rate * duration.toSeconds())));
            return Map.of("outboxWriteToPublish", m);
        }
    }

    /** Checkout → PAID (and the saga alone), then OrderPaid → its audit entry, from one load of guest checkouts. */
    static Map<String, Map<String, Object>> checkout(Context c, double rate, Duration warmup, Duration duration) throws Exception {
        List<String[]> products = SagaBench.products(c.gateway(), c.admin());
        int n = (int) Math.ceil(rate * (warmup.toSeconds() + duration.toSeconds())) + 5;
        Map<String, Instant> paid = new ConcurrentHashMap<>();
        Map<String, Object> r = SagaBench.checkouts(c.gateway(), SagaBench.shoppers(c.gateway(), products, n), rate, warmup, duration, paid);
        Map<String, Object> toPaid = new LinkedHashMap<>();
        toPaid.put("latencyMs", r.get("checkoutToPaidMs"));
        toPaid.put("count", r.get("checkouts"));
        toPaid.put("errors", r.get("errors"));
        toPaid.put("placedToPaidMs", r.get("placedToPaidMs"));
        toPaid.put("acceptedMs", r.get("acceptedMs"));
        toPaid.put("outcomes", r.get("outcomes"));

        Histogram audit = new Histogram(TimeUnit.MINUTES.toMicros(2), 3);
        int missing = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        for (String orderId : paid.keySet()) {
            JsonNode entry = null;
            while (entry == null && System.nanoTime() < deadline) {
                HttpResponse<String> a = Http.send(HTTP, HttpRequest.newBuilder(URI.create(c.gateway() + "/api/audit?resource=order:" + orderId))
                        .header("Authorization", "Bearer " + c.admin()).timeout(Duration.ofSeconds(30)).GET().build());
                if (a.statusCode() == 200) {
                    for (JsonNode e : JSON.readTree(a.body()).get("items")) {
                        if (e.get("action").asString().endsWith("OrderPaid")) {
                            entry = e;
                        }
                    }
                }
                if (entry == null) {
                    Thread.sleep(100);
                }
            }
            if (entry == null) {
                missing++;
                continue;
            }
            audit.recordValue(Math.max(0, Duration.between(Instant.parse(entry.get("occurredAt").asString()),
                    Instant.parse(entry.get("recordedAt").asString())).toNanos() / 1000));
        }
        Map<String, Object> toAudit = new LinkedHashMap<>();
        toAudit.put("latencyMs", SagaBench.percentiles(audit));
        toAudit.put("count", audit.getTotalCount());
        toAudit.put("errors", missing);
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        out.put("checkoutToPaid", toPaid);
        out.put("orderPaidToAudit", toAudit);
        return out;
    }

    private static Map<String, Object> producerAck(String kafka, int n) throws Exception {
        return SagaBench.percentiles(Broker.producerAcks(kafka, n, 50));
    }
}
