package com.glowglitch.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The storefront traffic mix through the gateway, open model, stepping the arrival rate up until
 * it no longer holds: browse 10 : product detail 4 : search 2 : add-to-cart 2 : view-cart 3 :
 * checkout 1 (Online Boutique's load-generator proportions, with detail and search added).
 * Shoppers are guests and registered accounts (about a third registered); each step gets fresh
 * shoppers so carts never reach their limits, and checkouts are made by shoppers whose cart and
 * sandbox card were prepared before the clock started. Every latency runs from the call's
 * intended start (no coordinated omission). A step holds when p99 over all calls ≤ 500 ms and
 * errors ≤ 0.1 %; the highest such rate is the maximum sustainable rate.
 */
final class StorefrontBench {

    static final String[] MIX = {"browse", "detail", "search", "addToCart", "viewCart", "checkout"};
    static final int[] WEIGHTS = {10, 4, 2, 2, 3, 1};
    static final double P99_LIMIT_MS = 500;
    static final double ERROR_LIMIT = 0.001;

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String[] CATEGORIES = {"rings", "necklaces", "earrings", "bracelets", "anklets", "charms", "sets"};
    private static final String[] SORTS = {"newest", "price_asc", "price_desc", "featured", "rating", "popularity"};

    private final String gateway;
    private final Random random = new Random(42);

    private StorefrontBench(String gateway) {
        this.gateway = gateway;
    }

    /** A shopper: bearer token, and (checkout shoppers only) the cart id and sandbox payment method. */
    private record Shopper(String token, boolean registered, String cartId, String pm) {
    }

    /** What shoppers look at: slugs for detail pages, words for search, and the pieces they add (ample stock). */
    private record Shelf(List<String> slugs, List<String> words, List<String[]> cartable) {
    }

    /**
     * {@code rates}: arrival rates (calls per second) to try in order; stops after the first that
     * does not hold unless {@code stopAtFirstMiss} is false.
     */
    static Map<String, Object> run(double[] rates, Duration warmup, Duration duration, boolean stopAtFirstMiss) throws Exception {
        String gateway = System.getenv().getOrDefault("GATEWAY_URL", "http://127.0.0.1:8080");
        return new StorefrontBench(gateway).steps(rates, warmup, duration, stopAtFirstMiss);
    }

    private Map<String, Object> steps(double[] rates, Duration warmup, Duration duration, boolean stopAtFirstMiss) throws Exception {
        String admin = Http.token(Http.send(HTTP, Http.post(gateway + "/api/auth/login", null,
                "{\"email\":\"admin@glowglitch.local\",\"password\":\"LocalDev-Admin-Pass-1!\"}", Map.of())));
        Shelf shelf = shelf(admin);
        int[] pattern = pattern();
        OpenLoad load = new OpenLoad(HTTP);
        if (stopAtFirstMiss) {
            // a freshly started stack is still loading classes and compiling: ramp it up unrecorded first, as traffic would
            for (double rate : new double[] {Math.min(10, rates[0]), Math.min(25, rates[0])}) {
                List<Shopper> pool = shoppers(20, false, shelf);
                List<Shopper> buyers = shoppers((int) Math.ceil(rate * 10 / total()) + 2, true, shelf);
                int[] nextBuyer = {0};
                load.mix(rate, Duration.ofSeconds(10), Duration.ZERO, i -> call(MIX[pattern[i % pattern.length]], i, shelf, pool, buyers,
                        nextBuyer), null);
            }
        }
        OpenLoad.Timeline timeline = new OpenLoad.Timeline();
        List<Map<String, Object>> steps = new ArrayList<>();
        Double sustained = null;
        long totalErrors = 0;
        long totalCalls = 0;
        for (double rate : rates) {
            double seconds = warmup.toSeconds() + duration.toSeconds();
            int browsers = (int) Math.max(20, Math.ceil(rate * seconds * (WEIGHTS[3] + WEIGHTS[4]) / total() / 4));
            int checkouts = (int) Math.ceil(rate * seconds * WEIGHTS[5] / total()) + 2;
            List<Shopper> pool = shoppers(browsers, false, shelf);
            List<Shopper> buyers = shoppers(checkouts, true, shelf);
            int[] nextBuyer = {0};
            double stepStart = timeline.secondsSinceStart();
            Map<String, OpenLoad.Result> r = load.mix(rate, warmup, duration, i -> call(MIX[pattern[i % pattern.length]], i, shelf,
                    pool, buyers, nextBuyer), timeline);
            OpenLoad.Result all = r.get("all");
            boolean holds = all.p99Ms() <= P99_LIMIT_MS && all.errorShare() <= ERROR_LIMIT;
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("ratePerSecond", rate);
            step.put("startSecond", Math.round(stepStart * 10) / 10.0);
            step.put("holds", holds);
            step.put("shoppers", Map.of("browsing", pool.size(), "checkingOut", buyers.size(),
                    "registered", pool.stream().filter(Shopper::registered).count() + buyers.stream().filter(Shopper::registered).count()));
            Map<String, Object> byKind = new LinkedHashMap<>();
            r.forEach((k, v) -> byKind.put(k, v.toMap()));
            step.put("calls", byKind);
            steps.add(step);
            totalErrors += all.errors();
            totalCalls += all.latencyMicros().getTotalCount();
            if (holds) {
                sustained = rate;
            } else if (stopAtFirstMiss) {
                break;
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("scenario", "storefront");
        out.put("cores", Runtime.getRuntime().availableProcessors());
        out.put("mix", mixMap());
        out.put("warmupSeconds", warmup.toSeconds());
        out.put("rampBeforeStepsSeconds", stopAtFirstMiss ? 20 : 0);
        out.put("secondsPerStep", duration.toSeconds());
        out.put("limits", Map.of("p99Ms", P99_LIMIT_MS, "errorShare", ERROR_LIMIT));
        out.put("steps", steps);
        out.put("maxSustainableRate", sustained);
        out.put("totalCalls", totalCalls);
        out.put("totalErrors", totalErrors);
        out.put("timeline", timeline.toMap());
        out.put("catalog", Map.of("products", shelf.slugs().size(), "searchWords", shelf.words().size()));
        out.put("note", "open model through the gateway (rate limits off: all load comes from one IP); a step is warm-up then "
                + "measurement at one arrival rate; latency from each call's intended start; browse = a list page with a random "
                + "category and sort (list-view projection), detail = a product page by slug, search = a word of a product name, "
                + "add-to-cart = the catalog's price call + reservation + cart write, checkout = POST /api/orders answered 202 "
                + "(the saga behind it is the events scenario). Before the first step the stack gets 10 s at 10/s and 10 s at 25/s "
                + "(not recorded): the JVMs of a fresh stack are still loading and compiling. Not yet in the mix: referral clicks (the creator program does not "
                + "exist yet).");
        return out;
    }

    private static int total() {
        int t = 0;
        for (int w : WEIGHTS) {
            t += w;
        }
        return t;
    }

    private static Map<String, Integer> mixMap() {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int k = 0; k < MIX.length; k++) {
            m.put(MIX[k], WEIGHTS[k]);
        }
        return m;
    }

    /** The mix as a shuffled cycle of 22 slots, so every 22 calls carry the exact proportions. */
    private int[] pattern() {
        List<Integer> slots = new ArrayList<>();
        for (int k = 0; k < MIX.length; k++) {
            for (int w = 0; w < WEIGHTS[k]; w++) {
                slots.add(k);
            }
        }
        Collections.shuffle(slots, random);
        return slots.stream().mapToInt(Integer::intValue).toArray();
    }

    private OpenLoad.Call call(String kind, int i, Shelf shelf, List<Shopper> pool, List<Shopper> buyers, int[] nextBuyer) {
        Random r = new Random(i * 31L + 7);
        return switch (kind) {
            case "browse" -> new OpenLoad.Call(kind, get("/api/products?limit=20&fields=id,name,slug,price,images,rating&category=" + CATEGORIES[r.nextInt(CATEGORIES.length)]
                    + "&sort=" + SORTS[r.nextInt(SORTS.length)] + (r.nextInt(4) == 0 ? "&inStock=true" : ""), null), 200);
            case "detail" -> new OpenLoad.Call(kind, get("/api/products/" + shelf.slugs().get(r.nextInt(shelf.slugs().size())), null), 200);
            case "search" -> new OpenLoad.Call(kind, get("/api/products/search?q="
                    + URLEncoder.encode(shelf.words().get(r.nextInt(shelf.words().size())), StandardCharsets.UTF_8), null), 200);
            case "addToCart" -> {
                String[] p = shelf.cartable().get(r.nextInt(shelf.cartable().size()));
                yield new OpenLoad.Call(kind, Http.post(gateway + "/api/carts/me/items", pool.get(i % pool.size()).token(),
                        "{\"productId\":\"" + p[0] + "\",\"sku\":\"" + p[1] + "\",\"quantity\":1}", Map.of()), 200);
            }
            case "viewCart" -> new OpenLoad.Call(kind, get("/api/carts/me", pool.get((i * 7) % pool.size()).token()), 200);
            case "checkout" -> {
                Shopper s;
                synchronized (nextBuyer) {
                    s = buyers.get(Math.min(nextBuyer[0]++, buyers.size() - 1));
                }
                String body = "{\"cartId\":\"" + s.cartId() + "\",\"paymentMethod\":\"" + s.pm() + "\","
                        + (s.registered() ? "" : "\"email\":\"guest-" + i + "@example.com\",")
                        + "\"shippingAddress\":{\"name\":\"Bench Shopper\",\"line1\":\"1 Load Lane\",\"city\":\"Austin\","
                        + "\"postalCode\":\"78701\",\"country\":\"US\"}}";
                yield new OpenLoad.Call(kind, Http.post(gateway + "/api/orders", s.token(), body,
                        Map.of("Idempotency-Key", "storefront-" + s.cartId())), 202);
            }
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private HttpRequest get(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway + path)).timeout(Duration.ofSeconds(30)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b.build();
    }

    /**
     * What there is to browse: every product's slug (walking the list with its cursor), words of
     * their names for search, and 20 pieces with ample stock created for the run (what shoppers
     * add, so a run never sells out and turns adds into errors).
     */
    private Shelf shelf(String admin) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        List<String[]> cartable = new ArrayList<>();
        for (int p = 0; p < 20; p++) {
            String sku = "SF-" + run + "-" + p;
            HttpResponse<String> r = Http.send(HTTP, Http.post(gateway + "/api/products", admin, "{\"name\":\"Storefront "
                    + CATEGORIES[p % CATEGORIES.length] + " piece " + sku + "\",\"category\":\"" + CATEGORIES[p % CATEGORIES.length]
                    + "\",\"status\":\"active\",\"tags\":[\"bench\"],\"price\":{\"amountMinor\":" + (2500 + p * 700)
                    + ",\"currency\":\"USD\"},\"variants\":[{\"sku\":\"" + sku + "\",\"stock\":1000000}]}", Map.of()));
            if (r.statusCode() != 201) {
                throw new IllegalStateException("create product: " + r.statusCode() + " " + r.body());
            }
            cartable.add(new String[] {JSON.readTree(r.body()).get("id").asString(), sku});
        }
        List<String> slugs = new ArrayList<>();
        Set<String> words = new LinkedHashSet<>();
        String cursor = null;
        do {
            HttpResponse<String> r = Http.send(HTTP, get("/api/products?limit=100" + (cursor == null ? "" : "&cursor=" + cursor), null));
            JsonNode page = JSON.readTree(r.body());
            for (JsonNode p : page.get("items")) {
                slugs.add(p.get("slug").asString());
                for (String w : p.get("name").asString().toLowerCase().split("[^a-z]+")) {
                    if (w.length() > 3) {
                        words.add(w);
                    }
                }
            }
            JsonNode next = page.get("nextCursor");
            cursor = next == null || next.isNull() ? null : URLEncoder.encode(next.asString(), StandardCharsets.UTF_8);
        } while (cursor != null && slugs.size() < 5000);
        return new Shelf(slugs, new ArrayList<>(words), cartable);
    }

    /**
     * {@code n} shoppers, about a third of them registered (sign-up + login) and the rest guests;
     * with {@code buyer}, each also gets one piece in the cart and a sandbox 4242 card. Prepared 8
     * at a time before a step's clock starts.
     */
    private List<Shopper> shoppers(int n, boolean buyer, Shelf shelf) throws Exception {
        Semaphore slots = new Semaphore(8);
        List<CompletableFuture<Shopper>> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean registered = i % 3 == 0;
            String[] piece = shelf.cartable().get(i % shelf.cartable().size());
            slots.acquire();
            all.add(CompletableFuture.supplyAsync(() -> {
                try {
                    String token = registered ? register() : Http.token(Http.send(HTTP, Http.post(gateway + "/api/auth/guest", null, null, Map.of())));
                    if (!buyer) {
                        return new Shopper(token, registered, null, null);
                    }
                    HttpResponse<String> cart = Http.send(HTTP, Http.post(gateway + "/api/carts/me/items", token,
                            "{\"productId\":\"" + piece[0] + "\",\"sku\":\"" + piece[1] + "\",\"quantity\":1}", Map.of()));
                    HttpResponse<String> pm = Http.send(HTTP, Http.post(gateway + "/api/payments/sandbox/payment-methods", token,
                            "{\"number\":\"4242 4242 4242 4242\",\"expMonth\":12,\"expYear\":2030,\"cvc\":\"123\"}", Map.of()));
                    if (cart.statusCode() != 200 || pm.statusCode() != 201) {
                        throw new IllegalStateException("prepare: cart " + cart.statusCode() + " " + cart.body() + " / card " + pm.statusCode());
                    }
                    return new Shopper(token, registered, JSON.readTree(cart.body()).get("id").asString(),
                            JSON.readTree(pm.body()).get("id").asString());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                } finally {
                    slots.release();
                }
            }));
        }
        return all.stream().map(CompletableFuture::join).toList();
    }

    private String register() throws Exception {
        String email = "shopper-" + UUID.randomUUID() + "@example.com";
        String password = "Bench-Shopper-Pass-42!";
        HttpResponse<String> r = Http.send(HTTP, Http.post(gateway + "/api/auth/register", null, "{\"email\":\"" + email
                + "\",\"password\":\"" + password + "\",\"displayName\":\"Bench\",\"acceptTerms\":true,\"termsVersion\":\"2026-11\"}", Map.of()));
        if (r.statusCode() != 201) {
            throw new IllegalStateException("register: " + r.statusCode() + " " + r.body());
        }
        return Http.token(Http.send(HTTP, Http.post(gateway + "/api/auth/login", null,
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}", Map.of())));
    }
}
