package com.glowglitch.platform.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreaker;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;

import com.glowglitch.platform.web.ApiException;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import reactor.core.publisher.Mono;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * One of our services called over HTTP where a user waits for the answer (ARCHITECTURE "Modules":
 * one synchronous call through a circuit breaker with a timeout and a fallback). The caller's
 * token is relayed, so the callee applies its own access rules to the same person.
 *
 * <p>Only failures of the callee itself (5xx, 401/403/429, timeouts, refused connections) count
 * against the breaker and become 503 {@code <name>-unavailable} with a retry hint; its other 4xx
 * answers are the user's problem and pass through with their type, detail and extension fields.
 */
public class ServiceClient {

    private static final Logger log = LoggerFactory.getLogger(ServiceClient.class);
    private static final String PROBLEMS = "https://glowglitch.dev/problems/";

    /** A tolerant reader: the callee may add fields to its answers without breaking us. */
    private static final JsonMapper LENIENT = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private final String name;
    private final String unchanged;
    private final WebClient web;
    private final ReactiveCircuitBreaker breaker;

    /**
     * @param name      the callee as a user reads it ("catalog"), also the problem type prefix
     * @param unchanged what the caller promises when the callee fails ("nothing in your cart changed")
     */
    public ServiceClient(String name, String unchanged, WebClient web, ReactiveCircuitBreaker breaker) {
        this.name = name;
        this.unchanged = unchanged;
        this.web = web;
        this.breaker = breaker;
    }

    public WebClient web() {
        return web;
    }

    /** Sends {@code request} with the caller's bearer token through the breaker; empty for 2xx without body or {@code Void}. */
    public <T> Mono<T> call(WebClient.RequestHeadersSpec<?> request, String token, Class<T> type) {
        Mono<T> exchange = request.header("Authorization", "Bearer " + token).accept(MediaType.APPLICATION_JSON)
                .exchangeToMono(r -> read(r, type));
        return breaker.run(exchange, e -> Mono.error(translate(e)));
    }

    private <T> Mono<T> read(ClientResponse r, Class<T> type) {
        HttpStatus status = HttpStatus.resolve(r.statusCode().value());
        if (r.statusCode().is2xxSuccessful()) {
            if (type == Void.class) {
                return r.releaseBody().then(Mono.empty());
            }
            return r.bodyToMono(byte[].class).map(b -> LENIENT.readValue(b, type));
        }
        if (r.statusCode().is4xxClientError() && status != null && status != HttpStatus.UNAUTHORIZED
                && status != HttpStatus.FORBIDDEN && status != HttpStatus.TOO_MANY_REQUESTS) {
            return r.bodyToMono(byte[].class).defaultIfEmpty(new byte[0])
                    .flatMap(b -> Mono.error(problem(status, b)));
        }
        // 401/403 would mean the token relay is broken, 429/5xx that the callee cannot take the call
        return r.releaseBody().then(Mono.error(new CalleeFailure(name + " answered " + r.statusCode().value())));
    }

    @SuppressWarnings("unchecked")
    private ApiException problem(HttpStatus status, byte[] body) {
        Map<String, Object> p;
        try {
            p = body.length == 0 ? Map.of() : LENIENT.readValue(body, Map.class);
        } catch (RuntimeException e) {
            p = Map.of();
        }
        String type = String.valueOf(p.getOrDefault("type", ""));
        String slug = type.startsWith(PROBLEMS) ? type.substring(PROBLEMS.length())
                : status == HttpStatus.NOT_FOUND ? "not-found" : name + "-rejected";
        Map<String, Object> ext = new LinkedHashMap<>(p);
        for (String k : new String[] {"type", "title", "status", "detail", "instance", "requestId"}) {
            ext.remove(k);
        }
        return new ApiException(status, slug, String.valueOf(p.getOrDefault("title", status.getReasonPhrase())),
                String.valueOf(p.getOrDefault("detail", "the " + name + " refused the request")), ext);
    }

    private Throwable translate(Throwable e) {
        if (e instanceof ApiException api) {
            return api;
        }
        String why;
        if (e instanceof CallNotPermittedException) {
            why = "the " + name + " is failing; calls are paused for a few seconds";
        } else if (e instanceof TimeoutException) {
            why = "the " + name + " did not answer in time";
        } else if (e instanceof WebClientRequestException) {
            why = "the " + name + " cannot be reached";
        } else {
            why = "the " + name + " failed";
        }
        log.warn("{} call failed: {}", name, e.toString());
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, name + "-unavailable", "Service unavailable",
                why + "; " + unchanged + ", please try again", Map.of("retryAfter", 5));
    }

    /** The callee failed (not the request): counts against the circuit breaker. */
    static final class CalleeFailure extends RuntimeException {
        CalleeFailure(String message) {
            super(message, null, false, false);
        }
    }
}
