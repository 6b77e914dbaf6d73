package com.glowglitch.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

import tools.jackson.databind.json.JsonMapper;

/**
 * Client-side benchmarks against a running local stack (loopback only, bounded in count and
 * time). {@code outbox}: N product creations through the gateway; for each, the time from the
 * write (the event's ce_time, taken inside the same document write) to the record's broker
 * timestamp on {@code catalog.events}, next to the same-run baseline of a bare Kafka producer's
 * send→ack on the same broker.
 */
public final class Bench {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: outbox|login|tokens|scale|reservations|cart|saga|storefront|smoke <results.json> [count | sizes | seconds] [rates] [warm-up s]; plot <scenario> <results.json>");
            System.exit(2);
        }
        Map<String, Object> result = switch (args[0]) {
            case "outbox" -> outbox(args.length > 2 ? Integer.parseInt(args[2]) : 1000);
            case "login" -> login(Duration.ofSeconds(args.length > 2 ? Integer.parseInt(args[2]) : 20));
            case "tokens" -> tokens(args.length > 2 ? Integer.parseInt(args[2]) : 2000);
            case "reservations" -> reservations(Duration.ofSeconds(args.length > 2 ? Integer.parseInt(args[2]) : 15));
            case "cart" -> CartBench.run(java.util.Arrays.stream((args.length > 3 ? args[3] : "10,20,30,50").split(","))
                    .mapToDouble(Double::parseDouble).toArray(), 50, Duration.ofSeconds(args.length > 2 ? Integer.parseInt(args[2]) : 15));
            case "saga" -> SagaBench.run(java.util.Arrays.stream((args.length > 3 ? args[3] : "10,30,50").split(","))
                    .mapToDouble(Double::parseDouble).toArray(), Duration.ofSeconds(args.length > 2 ? Integer.parseInt(args[2]) : 15));
            case "storefront" -> StorefrontBench.run(rates(args, 3, "10,20,40,60,80,100,120"), Duration.ofSeconds(args.length > 4
                    ? Integer.parseInt(args[4]) : 4), Duration.ofSeconds(args.length > 2 ? Integer.parseInt(args[2]) : 12), true);
            case "smoke" -> StorefrontBench.run(rates(args, 3, "6"), Duration.ofSeconds(2),
                    Duration.ofSeconds(args.length > 2 ? Integer.parseInt(args[2]) : 12), false);
            case "events" -> EventsBench.run(rates(args, 3, "10,25"), Duration.ofSeconds(3),
                    Duration.ofSeconds(args.length > 2 ? Integer.parseInt(args[2]) : 12));
            case "hop" -> hop(Double.parseDouble(args[2]), Duration.ofSeconds(Integer.parseInt(args[3])),
                    java.util.Arrays.copyOfRange(args, 4, args.length));
            case "plot" -> {
                Plots.plot(args[1], Path.of(args[2]));
                yield null;
            }
            case "scale" -> scale(java.util.Arrays.stream((args.length > 2 ? args[2] : "1000,10000,50000").split(","))
                    .mapToInt(Integer::parseInt).toArray());
            default -> throw new IllegalArgumentException(args[0]);
        };
        if (result == null) {
            return;
        }
        Files.writeString(Path.of(args[1]), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result));
        System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result));
        if (args[0].equals("smoke") && ((Number) result.get("totalErrors")).longValue() > 0) {
            System.err.println("smoke: " + result.get("totalErrors") + " of " + result.get("totalCalls") + " calls failed");
            System.exit(1);
        }
    }

    /**
     * The cost of one hop at a calm rate (what the saturation runs cannot show): each
     * {@code label=url} target gets the same open-model GET load, one after another, twice in
     * turn (the first round, 3 s each, is the warm-up and is not kept).
     */
    static Map<String, Object> hop(double rate, Duration duration, String[] targets) throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ratePerSecond", rate);
        out.put("seconds", duration.toSeconds());
        for (int round = 0; round < 2; round++) {
            for (String t : targets) {
                String label = t.substring(0, t.indexOf('='));
                URI uri = URI.create(t.substring(t.indexOf('=') + 1));
                OpenLoad.Result r = new OpenLoad(HTTP).run(rate, Duration.ZERO, round == 0 ? Duration.ofSeconds(3) : duration,
                        i -> HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(), 200);
                if (round == 1) {
                    out.put(label, r.toMap());
                }
            }
        }
        return out;
    }

    private static double[] rates(String[] args, int index, String defaults) {
        return java.util.Arrays.stream((args.length > index ? args[index] : defaults).split(",")).mapToDouble(Double::parseDouble).toArray();
    }

    static Map<String, Object> outbox(int n) throws Exception {
        String gateway = env("GATEWAY_URL", "http://127.0.0.1:8080");
        String kafka = env("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
        String token = login(gateway, env("ADMIN_EMAIL", "admin@glowglitch.local"), env("ADMIN_PASSWORD", "LocalDev-Admin-Pass-1!"));

        // baseline: the broker's own floor, a bare idempotent producer's send→ack, same broker, same run
        Histogram baseline = Broker.producerAcks(kafka, n, 100);

        Histogram writeToPublish = new Histogram(60_000_000L, 3);
        Histogram httpLatency = new Histogram(60_000_000L, 3);
        Set<String> ids = new HashSet<>();
        try (KafkaConsumer<byte[], byte[]> c = Broker.tailing(kafka, "catalog.events")) {
            for (int i = 0; i < 50; i++) { // warm-up, not measured
                create(gateway, token, "Bench Warmup " + UUID.randomUUID());
            }
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                long t = System.nanoTime();
                ids.add(create(gateway, token, "Bench Ring " + UUID.randomUUID()));
                httpLatency.recordValue((System.nanoTime() - t) / 1000);
            }
            double seconds = (System.nanoTime() - start) / 1e9;

            int matched = 0;
            long deadline = System.currentTimeMillis() + 60_000;
            while (matched < n && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    String subject = Broker.header(r, "ce_subject");
                    if (subject != null && ids.contains(subject)) {
                        Instant written = Instant.parse(Broker.header(r, "ce_time"));
                        long micros = Math.max(0, (r.timestamp() - written.toEpochMilli()) * 1000);
                        writeToPublish.recordValue(micros);
                        matched++;
                    }
                }
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("scenario", "outbox");
            out.put("cores", Runtime.getRuntime().availableProcessors());
            out.put("writes", n);
            out.put("eventsMatched", matched);
            out.put("writeRatePerSecond", Math.round(n / seconds * 10) / 10.0);
            out.put("writeToPublishMs", summary(writeToPublish, 1000.0));
            out.put("httpCreateMs", summary(httpLatency, 1000.0));
            out.put("baselineProducerAckMs", summary(baseline, 1000.0));
            out.put("ratioP99WriteToPublishVsProducerAck", Math.round(
                    writeToPublish.getValueAtPercentile(99) / (double) Math.max(1, baseline.getValueAtPercentile(99)) * 100) / 100.0);
            out.put("relayTimerFromPrometheus", relayTimer(env("CATALOG_URL", "http://127.0.0.1:8082")));
            out.put("note", "writeToPublish = Kafka record timestamp (producer send) minus ce_time (taken in the document write); "
                    + "millisecond clock resolution on both ends; closed loop, one write at a time through the gateway");
            return out;
        }
    }

    /**
     * Logins per second and their latency with four concurrent clients for a fixed time, direct
     * to the identity service; baseline: one bcrypt verification (cost 10) in this process.
     */
    static Map<String, Object> login(Duration duration) throws Exception {
        String identity = env("IDENTITY_URL", "http://127.0.0.1:8081");
        String email = env("ADMIN_EMAIL", "admin@glowglitch.local");
        String password = env("ADMIN_PASSWORD", "LocalDev-Admin-Pass-1!");
        var bcrypt = new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder(10);
        String hash = bcrypt.encode(password);
        Histogram hashing = new Histogram(60_000_000L, 3);
        for (int i = 0; i < 25; i++) {
            long t = System.nanoTime();
            bcrypt.matches(password, hash);
            if (i >= 5) {
                hashing.recordValue((System.nanoTime() - t) / 1000);
            }
        }
        for (int i = 0; i < 5; i++) {
            login(identity, email, password); // warm-up
        }
        Histogram latency = new Histogram(60_000_000L, 3);
        java.util.concurrent.atomic.AtomicInteger errors = new java.util.concurrent.atomic.AtomicInteger();
        long end = System.nanoTime() + duration.toNanos();
        List<Thread> clients = new java.util.ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < 4; c++) {
            Thread t = new Thread(() -> {
                while (System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    try {
                        login(identity, email, password);
                        synchronized (latency) {
                            latency.recordValue((System.nanoTime() - t0) / 1000);
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                }
            });
            t.start();
            clients.add(t);
        }
        for (Thread t : clients) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("scenario", "login");
        out.put("cores", Runtime.getRuntime().availableProcessors());
        out.put("concurrentClients", 4);
        out.put("seconds", Math.round(seconds * 10) / 10.0);
        out.put("loginsPerSecond", Math.round(latency.getTotalCount() / seconds * 10) / 10.0);
        out.put("errors", errors.get());
        out.put("loginMs", summary(latency, 1000.0));
        out.put("baselineBcryptCost10VerifyMs", summary(hashing, 1000.0));
        out.put("ratioLoginP50ToBcryptP50", round(latency.getValueAtPercentile(50) / (double) hashing.getValueAtPercentile(50)));
        return out;
    }

    /** What validating a bearer token costs at the gateway: the same GET with and without one. */
    static Map<String, Object> tokens(int n) throws Exception {
        String gateway = env("GATEWAY_URL", "http://127.0.0.1:8080");
        String token = login(gateway, env("ADMIN_EMAIL", "admin@glowglitch.local"), env("ADMIN_PASSWORD", "LocalDev-Admin-Pass-1!"));
        Histogram anonymous = new Histogram(60_000_000L, 3);
        Histogram bearer = new Histogram(60_000_000L, 3);
        URI uri = URI.create(gateway + "/api/products?limit=1");
        for (int i = 0; i < n + 200; i++) { // interleaved, so both see the same machine state
            boolean warm = i >= 200;
            long t = System.nanoTime();
            send(HttpRequest.newBuilder(uri).build());
            if (warm) {
                anonymous.recordValue((System.nanoTime() - t) / 1000);
            }
            t = System.nanoTime();
            send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).build());
            if (warm) {
                bearer.recordValue((System.nanoTime() - t) / 1000);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("scenario", "tokens");
        out.put("cores", Runtime.getRuntime().availableProcessors());
        out.put("requestsEach", n);
        out.put("withoutTokenMs", summary(anonymous, 1000.0));
        out.put("withTokenMs", summary(bearer, 1000.0));
        out.put("addedP50Ms", round((bearer.getValueAtPercentile(50) - anonymous.getValueAtPercentile(50)) / 1000.0));
        out.put("addedP99Ms", round((bearer.getValueAtPercentile(99) - anonymous.getValueAtPercentile(99)) / 1000.0));
        out.put("note", "the token is validated twice on this path: at the gateway and again by catalog-service");
        return out;
    }

    /**
     * List and search latency at growing catalog sizes (deterministic generated data sets), direct
     * to catalog-service; the ratio of the largest to the smallest shows how cost grows with data.
     */
    static Map<String, Object> scale(int[] sizes) throws Exception {
        String catalog = env("CATALOG_URL", "http://127.0.0.1:8082");
        String gateway = env("GATEWAY_URL", "http://127.0.0.1:8080");
        String token = login(gateway, env("ADMIN_EMAIL", "admin@glowglitch.local"), env("ADMIN_PASSWORD", "LocalDev-Admin-Pass-1!"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("scenario", "scale");
        out.put("cores", Runtime.getRuntime().availableProcessors());
        Map<String, Object> bySize = new LinkedHashMap<>();
        Map<Integer, Histogram[]> hist = new LinkedHashMap<>();
        for (int n : sizes) {
            admin(catalog + "/admin/catalog/generated", "DELETE", token);
            admin(catalog + "/admin/catalog/generated?count=" + n + "&seed=1", "POST", token);
            URI list = URI.create(catalog + "/api/products?category=rings&sort=price_asc&limit=20");
            URI search = URI.create(catalog + "/api/products/search?q=velvet%20opal&limit=20");
            Histogram l = new Histogram(60_000_000L, 3);
            Histogram s = new Histogram(60_000_000L, 3);
            for (int i = 0; i < 250; i++) {
                long t = System.nanoTime();
                send(HttpRequest.newBuilder(list).build());
                if (i >= 50) {
                    l.recordValue((System.nanoTime() - t) / 1000);
                }
            }
            for (int i = 0; i < 80; i++) {
                long t = System.nanoTime();
                send(HttpRequest.newBuilder(search).build());
                if (i >= 20) {
                    s.recordValue((System.nanoTime() - t) / 1000);
                }
            }
            hist.put(n, new Histogram[] {l, s});
            bySize.put(String.valueOf(n), Map.of("listMs", summary(l, 1000.0), "searchMs", summary(s, 1000.0)));
        }
        admin(catalog + "/admin/catalog/generated", "DELETE", token);
        out.put("bySize", bySize);
        Histogram[] small = hist.get(sizes[0]);
        Histogram[] large = hist.get(sizes[sizes.length - 1]);
        out.put("ratioLargestToSmallestListP50", round(large[0].getValueAtPercentile(50) / (double) small[0].getValueAtPercentile(50)));
        out.put("ratioLargestToSmallestListP99", round(large[0].getValueAtPercentile(99) / (double) small[0].getValueAtPercentile(99)));
        out.put("ratioLargestToSmallestSearchP50", round(large[1].getValueAtPercentile(50) / (double) small[1].getValueAtPercentile(50)));
        out.put("ratioLargestToSmallestSearchP99", round(large[1].getValueAtPercentile(99) / (double) small[1].getValueAtPercentile(99)));
        out.put("note", "embedded store (mongo-java-server, in memory): it ignores non-unique indexes, so every query scans");
        return out;
    }

    private static void admin(String url, String method, String token) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofMinutes(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(method + " " + url + ": HTTP " + r.statusCode() + " " + r.body());
        }
    }

    /**
     * Reservations per second on one hot SKU (every client fights for the same stock) next to the
     * same load spread over one SKU per client (no contention), direct to catalog-service.
     */
    static Map<String, Object> reservations(Duration duration) throws Exception {
        String catalog = env("CATALOG_URL", "http://127.0.0.1:8082");
        String gateway = env("GATEWAY_URL", "http://127.0.0.1:8080");
        String token = login(gateway, env("ADMIN_EMAIL", "admin@glowglitch.local"), env("ADMIN_PASSWORD", "LocalDev-Admin-Pass-1!"));
        int clients = 8;
        String run = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        String hot = createSku(catalog, token, "HOT-" + run, 1_000_000);
        List<String> spread = new java.util.ArrayList<>();
        for (int c = 0; c < clients; c++) {
            spread.add(createSku(catalog, token, "SPREAD-" + run + "-" + c, 1_000_000));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("scenario", "reservations");
        out.put("cores", Runtime.getRuntime().availableProcessors());
        out.put("clients", clients);
        out.put("hotSku", hammer(catalog, token, c -> hot, clients, duration));
        out.put("baselineOneSkuPerClient", hammer(catalog, token, spread::get, clients, duration));
        out.put("note", "each operation is a reserve of 1 followed by its release; closed loop");
        return out;
    }

    private static String createSku(String catalog, String token, String sku, int stock) throws IOException, InterruptedException {
        String body = "{\"name\":\"Bench " + sku + "\",\"category\":\"charms\",\"status\":\"active\","
                + "\"price\":{\"amountMinor\":100,\"currency\":\"USD\"},\"variants\":[{\"sku\":\"" + sku + "\",\"stock\":" + stock + "}]}";
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(catalog + "/api/products"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("create " + sku + ": HTTP " + r.statusCode() + " " + r.body());
        }
        return sku;
    }

    private static Map<String, Object> hammer(String catalog, String token, java.util.function.IntFunction<String> skuOf,
                                              int clients, Duration duration) throws InterruptedException {
        Histogram reserve = new Histogram(60_000_000L, 3);
        java.util.concurrent.atomic.AtomicInteger errors = new java.util.concurrent.atomic.AtomicInteger();
        long end = System.nanoTime() + duration.toNanos();
        long start = System.nanoTime();
        List<Thread> threads = new java.util.ArrayList<>();
        for (int c = 0; c < clients; c++) {
            String sku = skuOf.apply(c);
            String cart = "bench-cart-" + c;
            Thread t = new Thread(() -> {
                while (System.nanoTime() < end) {
                    try {
                        long t0 = System.nanoTime();
                        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(catalog + "/api/inventory/reservations"))
                                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"cartId\":\"" + cart + "\",\"sku\":\"" + sku + "\",\"quantity\":1}"))
                                .build(), HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 201) {
                            errors.incrementAndGet();
                            continue;
                        }
                        synchronized (reserve) {
                            reserve.recordValue((System.nanoTime() - t0) / 1000);
                        }
                        String id = JSON.readTree(r.body()).get("id").asString();
                        HTTP.send(HttpRequest.newBuilder(URI.create(catalog + "/api/inventory/reservations/" + id))
                                .header("Authorization", "Bearer " + token).DELETE().build(), HttpResponse.BodyHandlers.discarding());
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("reservationsPerSecond", Math.round(reserve.getTotalCount() / seconds * 10) / 10.0);
        m.put("reserveMs", summary(reserve, 1000.0));
        m.put("errors", errors.get());
        return m;
    }

    private static void send(HttpRequest r) throws IOException, InterruptedException {
        HttpResponse<String> resp = HTTP.send(r, HttpResponse.BodyHandlers.ofString());
        if (resp.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + resp.statusCode() + " " + resp.body());
        }
    }

    private static Map<String, Object> summary(Histogram h, double unit) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", h.getTotalCount());
        m.put("p50", round(h.getValueAtPercentile(50) / unit));
        m.put("p90", round(h.getValueAtPercentile(90) / unit));
        m.put("p99", round(h.getValueAtPercentile(99) / unit));
        m.put("max", round(h.getMaxValue() / unit));
        m.put("mean", round(h.getMean() / unit));
        return m;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static Map<String, Object> relayTimer(String catalog) throws IOException, InterruptedException {
        String body = HTTP.send(HttpRequest.newBuilder(URI.create(catalog + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Map<String, Object> m = new LinkedHashMap<>();
        // percentiles from the cumulative histogram buckets (upper bounds, so slightly pessimistic)
        Matcher q = Pattern.compile("outbox_publish_latency_seconds_bucket\\{[^}]*le=\"([0-9.eE+-]+|\\+Inf)\"[^}]*\\} ([0-9.eE+-]+)").matcher(body);
        List<double[]> buckets = new java.util.ArrayList<>();
        while (q.find()) {
            double le = q.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(q.group(1));
            buckets.add(new double[] {le, Double.parseDouble(q.group(2))});
        }
        buckets.sort(java.util.Comparator.comparingDouble(x -> x[0]));
        if (!buckets.isEmpty()) {
            double total = buckets.get(buckets.size() - 1)[1];
            m.put("count", (long) total);
            for (double pct : new double[] {0.5, 0.99}) {
                for (double[] bucket : buckets) {
                    if (bucket[1] >= pct * total) {
                        m.put("p" + Math.round(pct * 100) + "AtMostMs", round(bucket[0] * 1000));
                        break;
                    }
                }
            }
        }
        m.put("what", "write to broker ack, measured inside the relay since the service started (warm-up included), from histogram buckets");
        return m;
    }

    private static String create(String gateway, String token, String name) throws IOException, InterruptedException {
        String body = "{\"name\":\"" + name + "\",\"category\":\"charms\",\"price\":{\"amountMinor\":1000,\"currency\":\"USD\"}}";
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(gateway + "/api/products"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("create failed: " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body()).get("id").asString();
    }

    private static String login(String gateway, String email, String password) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(gateway + "/api/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("login failed: HTTP " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body()).get("accessToken").asString();
    }

    private static String env(String k, String d) {
        String v = System.getenv(k);
        return v == null || v.isBlank() ? d : v;
    }
}
