package com.glowglitch.gateway;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import io.swagger.v3.oas.annotations.Operation;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The brief's database admin API, for the whole suite: the gateway asks every service's
 * {@code /admin/db/*} in parallel (passing the admin's token on) and aggregates. A service that
 * does not answer shows as DOWN in the answer instead of failing the whole call.
 */
@RestController
@RequestMapping("/api/db")
public class DatabaseAdminController {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    private final GatewayProperties props;
    private final WebClient http;
    private final Clock clock;

    public DatabaseAdminController(GatewayProperties props, WebClient.Builder http, Clock clock) {
        this.props = props;
        this.http = http.codecs(c -> c.defaultCodecs().maxInMemorySize(4 * 1024 * 1024)).build();
        this.clock = clock;
    }

    @PostMapping("/init")
    @Operation(summary = "Run every service's pending migrations (admin)")
    public Mono<Map<String, Object>> init(@RequestHeader(HttpHeaders.AUTHORIZATION) String auth) {
        return fanOut(HttpMethod.POST, "/admin/db/init", auth, Duration.ofMinutes(2));
    }

    @PostMapping("/seed")
    @Operation(summary = "Seed every service's sample data; idempotent (admin)")
    public Mono<Map<String, Object>> seed(@RequestHeader(HttpHeaders.AUTHORIZATION) String auth) {
        return fanOut(HttpMethod.POST, "/admin/db/seed", auth, Duration.ofMinutes(2));
    }

    @GetMapping("/health")
    @Operation(summary = "Each service with its MongoDB and Kafka status and latency (admin)")
    public Mono<Map<String, Object>> health(@RequestHeader(HttpHeaders.AUTHORIZATION) String auth) {
        return fanOut(HttpMethod.GET, "/admin/db/health", auth, Duration.ofSeconds(5));
    }

    @GetMapping("/metrics")
    @Operation(summary = "Per service: pool, operation counts and timings, slow operations, collection sizes (admin)")
    public Mono<Map<String, Object>> metrics(@RequestHeader(HttpHeaders.AUTHORIZATION) String auth) {
        return fanOut(HttpMethod.GET, "/admin/db/metrics", auth, Duration.ofSeconds(10));
    }

    private Mono<Map<String, Object>> fanOut(HttpMethod method, String path, String auth, Duration timeout) {
        long start = System.nanoTime();
        return Flux.fromIterable(props.getServices().entrySet())
                .flatMap(e -> call(e.getKey(), e.getValue().getUrl() + path, method, auth, timeout)
                        .map(answer -> Map.entry(e.getKey(), answer)))
                .collectList()
                .map(answers -> {
                    Map<String, Object> services = new LinkedHashMap<>();
                    props.getServices().keySet().forEach(name -> answers.stream().filter(a -> a.getKey().equals(name))
                            .findFirst().ifPresent(a -> services.put(name, a.getValue())));
                    boolean allUp = services.values().stream()
                            .allMatch(v -> !"DOWN".equals(((Map<?, ?>) v).get("status")));
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("status", allUp ? "UP" : "DOWN");
                    out.put("checkedAt", clock.instant().toString());
                    out.put("latencyMs", (System.nanoTime() - start) / 1_000_000);
                    out.put("services", services);
                    return out;
                });
    }

    private Mono<Map<String, Object>> call(String name, String url, HttpMethod method, String auth, Duration timeout) {
        long start = System.nanoTime();
        return http.method(method).uri(url).header(HttpHeaders.AUTHORIZATION, auth)
                .retrieve().bodyToMono(JSON)
                .timeout(timeout)
                .map(body -> {
                    Map<String, Object> m = new LinkedHashMap<>(body);
                    m.remove("service");
                    m.putIfAbsent("status", "UP");
                    m.put("latencyMs", (System.nanoTime() - start) / 1_000_000);
                    return m;
                })
                .onErrorResume(e -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("status", "DOWN");
                    m.put("error", e instanceof WebClientResponseException w ? "HTTP " + w.getStatusCode().value()
                            : e.getClass().getSimpleName());
                    m.put("latencyMs", (System.nanoTime() - start) / 1_000_000);
                    return Mono.just(m);
                });
    }
}
