package com.glowglitch.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

/**
 * Add-to-cart through the gateway at a fixed arrival rate (guests adding different pieces; each
 * add is the catalog's price call + its reservation + the cart write), next to two same-run
 * baselines at the same rate: viewing the cart through the gateway (no catalog call) and the
 * catalog's price quote called directly (the first of add-to-cart's two catalog calls).
 */
final class CartBench {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private CartBench() {
    }

    /** Fresh products and guests for one measurement, so holds and cart lines from an earlier rate do not weigh on it. */
    private record Fixture(List<String[]> products, List<String> guests) {
    }

    private static Fixture fixture(String gateway, String catalog, String admin, double rate) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        List<String[]> products = new ArrayList<>();
        for (int p = 0; p < 20; p++) {
            String sku = "CB-" + run + "-" + p;
            HttpResponse<String> r = HTTP.send(Http.post(catalog + "/api/products", admin, "{\"name\":\"Cart Bench " + sku + "\","
                    + "\"category\":\"charms\",\"status\":\"active\",\"price\":{\"amountMinor\":2500,\"currency\":\"USD\"},"
                    + "\"variants\":[{\"sku\":\"" + sku + "\",\"stock\":1000000}]}", Map.of()), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 201) {
                throw new IllegalStateException("create product: " + r.statusCode() + " " + r.body());
            }
            products.add(new String[] {JSON.readTree(r.body()).get("id").asString(), sku});
        }
        // enough guests that one guest's adds are seconds apart (no self-inflicted version races)
        int guestsCount = (int) Math.max(50, rate * 4);
        List<String> guests = new ArrayList<>();
        for (int g = 0; g < guestsCount; g++) {
            guests.add(Http.token(HTTP.send(Http.post(gateway + "/api/auth/guest", null, null, Map.of()), HttpResponse.BodyHandlers.ofString())));
        }
        return new Fixture(products, guests);
    }

    private static OpenLoad.Result addToCart(OpenLoad load, String gateway, Fixture f, double rate, Duration warmup,
                                             Duration duration) throws InterruptedException {
        int g = f.guests().size();
        int n = f.products().size();
        return load.run(rate, warmup, duration, i -> {
            // consecutive adds go to different products (a storefront, not a single-product drop)
            String[] p = f.products().get((i + i / g) % n);
            return Http.post(gateway + "/api/carts/me/items", f.guests().get(i % g),
                    "{\"productId\":\"" + p[0] + "\",\"sku\":\"" + p[1] + "\",\"quantity\":1}", Map.of());
        }, 200);
    }

    /**
     * @param rates arrival rates to step through (add-to-cart at each); {@code target} is the rate the
     *              baselines run at and the goal is stated for
     */
    static Map<String, Object> run(double[] rates, double target, Duration duration) throws Exception {
        String gateway = System.getenv().getOrDefault("GATEWAY_URL", "http://127.0.0.1:8080");
        String catalog = System.getenv().getOrDefault("CATALOG_URL", "http://127.0.0.1:8082");
        String admin = Http.token(HTTP.send(Http.post(gateway + "/api/auth/login", null,
                "{\"email\":\"admin@glowglitch.local\",\"password\":\"LocalDev-Admin-Pass-1!\"}", Map.of()), HttpResponse.BodyHandlers.ofString()));
        OpenLoad load = new OpenLoad(HTTP);
        Duration warmup = Duration.ofSeconds(5);
        Map<String, Object> byRate = new LinkedHashMap<>();
        Double sustainable = null;
        for (double rate : rates) {
            Fixture f = fixture(gateway, catalog, admin, rate);
            OpenLoad.Result r = addToCart(load, gateway, f, rate, warmup, duration);
            byRate.put(String.valueOf((int) rate), r.toMap());
            if (r.errors() == 0 && r.latencyMicros().getValueAtPercentile(99) <= 500_000) {
                sustainable = rate;
            }
        }
        Fixture f = fixture(gateway, catalog, admin, target);
        int g = f.guests().size();
        int n = f.products().size();
        OpenLoad.Result view = load.run(target, warmup, duration, i -> HttpRequest.newBuilder(URI.create(gateway + "/api/carts/me"))
                .header("Authorization", "Bearer " + f.guests().get(i % g)).timeout(Duration.ofSeconds(30)).GET().build(), 200);
        OpenLoad.Result quote = load.run(target, warmup, duration, i -> {
            String[] p = f.products().get(i % n);
            return HttpRequest.newBuilder(URI.create(catalog + "/api/products/" + p[0] + "/price?sku=" + p[1]))
                    .header("Authorization", "Bearer " + f.guests().get(i % g)).timeout(Duration.ofSeconds(30)).GET().build();
        }, 200);

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("scenario", "cart");
        out.put("cores", Runtime.getRuntime().availableProcessors());
        out.put("targetRatePerSecond", target);
        out.put("seconds", duration.toSeconds());
        out.put("warmupSeconds", warmup.toSeconds());
        out.put("addToCartViaGatewayByRate", byRate);
        out.put("highestRateWithP99Under500msAndNoErrors", sustainable);
        out.put("baselineViewCartViaGateway", view.toMap());
        out.put("baselinePriceQuoteDirect", quote.toMap());
        out.put("note", "open model: requests start on schedule and latency counts from the intended start (no coordinated "
                + "omission). Fresh products and guests per rate. Gateway rate limits off (all load comes from one IP). "
                + "Everything on one machine: identity, catalog, cart, gateway JVMs plus the launcher's embedded broker and store.");
        return out;
    }

}
