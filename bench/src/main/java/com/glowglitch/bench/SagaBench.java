package com.glowglitch.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The checkout saga under an open-model load: guests with a filled cart and a sandbox card check out
 * through the gateway at a fixed arrival rate. Latency is measured from each checkout's intended
 * start to the moment the order's timeline says PAID (the order service's own clock, same
 * machine), so neither polling nor a slow generator hides a stall. Same-run baseline: an
 * authenticated read of the cart through the gateway at the same rate.
 */
final class SagaBench {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SagaBench() {
    }

    record Shopper(String token, String cartId, String pm) {
    }

    static Map<String, Object> run(double[] rates, Duration duration) throws Exception {
        String gateway = System.getenv().getOrDefault("GATEWAY_URL", "http://127.0.0.1:8080");
        String admin = Http.token(HTTP.send(Http.post(gateway + "/api/auth/login", null,
                "{\"email\":\"admin@glowglitch.local\",\"password\":\"LocalDev-Admin-Pass-1!\"}", Map.of()), HttpResponse.BodyHandlers.ofString()));
        List<String[]> products = products(gateway, admin);
        Duration warmup = Duration.ofSeconds(3);
        Map<String, Object> byRate = new LinkedHashMap<>();
        Double sustained = null;
        Map<String, Object> baseline = null;
        for (double rate : rates) {
            int n = (int) Math.ceil(rate * (warmup.toSeconds() + duration.toSeconds())) + 5;
            List<Shopper> shoppers = shoppers(gateway, products, n);
            Map<String, Object> r = checkouts(gateway, shoppers, rate, warmup, duration, null);
            byRate.put(String.valueOf((int) rate), r);
            double errorShare = ((Number) r.get("errorShare")).doubleValue();
            @SuppressWarnings("unchecked")
            double p99 = ((Number) ((Map<String, Object>) r.get("checkoutToPaidMs")).get("p99")).doubleValue();
            // sustained: almost no errors and no backlog building up (a growing queue shows as seconds at p99)
            if (errorShare < 0.001 && p99 <= 1000) {
                sustained = rate;
            }
            if (baseline == null) {
                OpenLoad.Result view = new OpenLoad(HTTP).run(rate, warmup, duration, i -> HttpRequest.newBuilder(URI.create(gateway + "/api/carts/me"))
                        .header("Authorization", "Bearer " + shoppers.get(i % shoppers.size()).token()).timeout(Duration.ofSeconds(30)).GET().build(), 200);
                baseline = view.toMap();
                baseline.put("ratePerSecond", rate);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("scenario", "saga");
        out.put("cores", Runtime.getRuntime().availableProcessors());
        out.put("seconds", duration.toSeconds());
        out.put("warmupSeconds", warmup.toSeconds());
        out.put("byRate", byRate);
        out.put("highestSustainedRate", sustained);
        out.put("baselineViewCartViaGateway", baseline);
        out.put("note", "open model: checkouts start on schedule; 'checkoutToPaid' runs from the intended start to the PAID entry "
                + "of the order's timeline, 'placedToPaid' from the order's PENDING entry (the saga alone: OrderPlaced -> catalog "
                + "commit -> InventoryCommitted -> sandbox capture -> PAID, two Kafka hops). An error is a checkout not answered 202 "
                + "or an order not PAID within 60 s. Guests with one piece each from 20 products with ample stock; gateway rate "
                + "limits off (all load comes from one IP); identity, catalog, cart, order, gateway JVMs plus the launcher's embedded "
                + "broker and store on one machine.");
        return out;
    }

    static List<String[]> products(String gateway, String admin) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        List<String[]> products = new ArrayList<>();
        for (int p = 0; p < 20; p++) {
            String sku = "SB-" + run + "-" + p;
            HttpResponse<String> r = HTTP.send(Http.post(gateway + "/api/products", admin, "{\"name\":\"Saga Bench " + sku + "\","
                    + "\"category\":\"charms\",\"status\":\"active\",\"price\":{\"amountMinor\":4500,\"currency\":\"USD\"},"
                    + "\"variants\":[{\"sku\":\"" + sku + "\",\"stock\":1000000}]}", Map.of()), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 201) {
                throw new IllegalStateException("create product: " + r.statusCode() + " " + r.body());
            }
            products.add(new String[] {JSON.readTree(r.body()).get("id").asString(), sku});
        }
        return products;
    }

    /** Guests with a one-piece cart and a sandbox 4242 card each, prepared 8 at a time before the clock starts. */
    static List<Shopper> shoppers(String gateway, List<String[]> products, int n) throws Exception {
        Semaphore slots = new Semaphore(8);
        List<CompletableFuture<Shopper>> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String[] p = products.get(i % products.size());
            slots.acquire();
            all.add(CompletableFuture.supplyAsync(() -> {
                try {
                    String guest = Http.token(HTTP.send(Http.post(gateway + "/api/auth/guest", null, null, Map.of()), HttpResponse.BodyHandlers.ofString()));
                    HttpResponse<String> cart = HTTP.send(Http.post(gateway + "/api/carts/me/items", guest,
                            "{\"productId\":\"" + p[0] + "\",\"sku\":\"" + p[1] + "\",\"quantity\":1}", Map.of()), HttpResponse.BodyHandlers.ofString());
                    HttpResponse<String> pm = HTTP.send(Http.post(gateway + "/api/payments/sandbox/payment-methods", guest,
                            "{\"number\":\"4242 4242 4242 4242\",\"expMonth\":12,\"expYear\":2030,\"cvc\":\"123\"}", Map.of()),
                            HttpResponse.BodyHandlers.ofString());
                    if (cart.statusCode() != 200 || pm.statusCode() != 201) {
                        throw new IllegalStateException("prepare: cart " + cart.statusCode() + " " + cart.body() + " / card " + pm.statusCode());
                    }
                    return new Shopper(guest, JSON.readTree(cart.body()).get("id").asString(), JSON.readTree(pm.body()).get("id").asString());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                } finally {
                    slots.release();
                }
            }));
        }
        return all.stream().map(CompletableFuture::join).toList();
    }

    /** {@code paidAt}, when not null, collects each paid order's id and the time its timeline says PAID. */
    static Map<String, Object> checkouts(String gateway, List<Shopper> shoppers, double rate, Duration warmup,
                                         Duration duration, Map<String, Instant> paidAt) throws Exception {
        long interval = (long) (1e9 / rate);
        long startNanos = System.nanoTime();
        Instant startWall = Instant.now();
        long recordFrom = startNanos + warmup.toNanos();
        long end = recordFrom + duration.toNanos();
        Map<Integer, Object[]> placed = new ConcurrentHashMap<>(); // i -> {intended wall time, order number | error}
        Histogram accept = new Histogram(TimeUnit.MINUTES.toMicros(2), 3);
        List<CompletableFuture<?>> inFlight = new ArrayList<>();
        int i = 0;
        for (long due = startNanos; due < end && i < shoppers.size(); due += interval, i++) {
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            Shopper s = shoppers.get(i);
            final int k = i;
            final long intended = due;
            final boolean record = due >= recordFrom;
            final Instant intendedWall = startWall.plusNanos(due - startNanos);
            String body = "{\"cartId\":\"" + s.cartId() + "\",\"paymentMethod\":\"" + s.pm() + "\",\"email\":\"bench@example.com\","
                    + "\"shippingAddress\":{\"name\":\"Bench\",\"line1\":\"1 Load Lane\",\"city\":\"Austin\",\"postalCode\":\"78701\",\"country\":\"US\"}}";
            inFlight.add(HTTP.sendAsync(Http.post(gateway + "/api/orders", s.token(), body, Map.of("Idempotency-Key", "bench-" + s.cartId())),
                    HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
                        if (!record) {
                            return;
                        }
                        synchronized (accept) {
                            accept.recordValue(Math.min((System.nanoTime() - intended) / 1000, accept.getHighestTrackableValue()));
                        }
                        placed.put(k, new Object[] {intendedWall, r != null && r.statusCode() == 202
                                ? JSON.readTree(r.body()).get("orderNumber").asString() : null,
                                r == null ? String.valueOf(e) : r.statusCode() + " " + r.body()});
                    }));
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).exceptionally(x -> null).orTimeout(2, TimeUnit.MINUTES).join();

        Histogram toPaid = new Histogram(TimeUnit.MINUTES.toMicros(2), 3);
        Histogram sagaOnly = new Histogram(TimeUnit.MINUTES.toMicros(2), 3);
        Histogram stockStep = new Histogram(TimeUnit.MINUTES.toMicros(2), 3);
        Histogram paymentStep = new Histogram(TimeUnit.MINUTES.toMicros(2), 3);
        int errors = 0;
        Map<String, Integer> outcomes = new java.util.TreeMap<>();
        String sampleError = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        for (Map.Entry<Integer, Object[]> e : placed.entrySet()) {
            Object[] v = e.getValue();
            String number = (String) v[1];
            if (number == null) {
                errors++;
                outcomes.merge("not-accepted", 1, Integer::sum);
                sampleError = sampleError == null ? (String) v[2] : sampleError;
                continue;
            }
            Shopper s = shoppers.get(e.getKey());
            JsonNode order = null;
            while (System.nanoTime() < deadline) {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(gateway + "/api/orders/" + number))
                        .header("Authorization", "Bearer " + s.token()).timeout(Duration.ofSeconds(30)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                order = r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
                String status = order == null ? "" : order.get("status").asString();
                if (status.equals("PAID") || status.equals("CANCELLED")) {
                    break;
                }
                Thread.sleep(100);
            }
            String status = order == null ? "unreadable" : order.get("status").asString();
            outcomes.merge(status, 1, Integer::sum);
            if (!"PAID".equals(status)) {
                errors++;
                sampleError = sampleError == null && order != null ? String.valueOf(order.get("cancellation")) : sampleError;
                continue;
            }
            Instant pending = null;
            Instant confirmed = null;
            Instant paid = null;
            for (JsonNode t : order.get("timeline")) {
                if ("PENDING".equals(t.get("to").asString())) {
                    pending = Instant.parse(t.get("at").asString());
                }
                if ("STOCK_CONFIRMED".equals(t.get("to").asString())) {
                    confirmed = Instant.parse(t.get("at").asString());
                }
                if ("PAID".equals(t.get("to").asString())) {
                    paid = Instant.parse(t.get("at").asString());
                }
            }
            if (paidAt != null) {
                paidAt.put(order.get("id").asString(), paid);
            }
            toPaid.recordValue(Math.max(0, Duration.between((Instant) v[0], paid).toNanos() / 1000));
            sagaOnly.recordValue(Math.max(0, Duration.between(pending, paid).toNanos() / 1000));
            stockStep.recordValue(Math.max(0, Duration.between(pending, confirmed).toNanos() / 1000));
            paymentStep.recordValue(Math.max(0, Duration.between(confirmed, paid).toNanos() / 1000));
        }
        int total = placed.size();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("checkouts", total);
        m.put("achievedPerSecond", Math.round(total / (duration.toNanos() / 1e9) * 10) / 10.0);
        m.put("acceptedMs", percentiles(accept));
        m.put("checkoutToPaidMs", percentiles(toPaid));
        m.put("placedToPaidMs", percentiles(sagaOnly));
        m.put("placedToStockConfirmedMs", percentiles(stockStep));
        m.put("stockConfirmedToPaidMs", percentiles(paymentStep));
        m.put("outcomes", outcomes);
        m.put("errors", errors);
        m.put("errorShare", total == 0 ? 1.0 : (double) errors / total);
        if (sampleError != null) {
            m.put("sampleError", sampleError.length() > 300 ? sampleError.substring(0, 300) : sampleError);
        }
        return m;
    }

    static Map<String, Object> percentiles(Histogram h) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (double p : new double[] {50, 90, 99}) {
            m.put("p" + (int) p, Math.round(h.getValueAtPercentile(p) / 10.0) / 100.0);
        }
        m.put("max", Math.round(h.getMaxValue() / 10.0) / 100.0);
        return m;
    }

}
