package com.glowglitch.gateway;

import java.net.InetSocketAddress;
import java.util.Locale;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import com.glowglitch.platform.web.Problems;

import io.github.bucket4j.ConsumptionProbe;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Token buckets per client IP, per signed-in user and, for {@code POST /api/auth/login}, per IP
 * and email (slows password guessing before the identity service's lockout). Over the limit:
 * {@code 429 application/problem+json} with {@code Retry-After} and {@code RateLimit-*} headers;
 * under it, the {@code RateLimit-*} headers of the tightest bucket. Buckets live in this process,
 * or in Redis when {@code REDIS_URL} is set so that several gateway instances share them.
 * Runs after Spring Security, so the user is known from a validated token.
 */
@Component
public class RateLimitFilter implements WebFilter, Ordered {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RateLimitProperties props;
    private final Buckets buckets;

    public RateLimitFilter(RateLimitProperties props, Buckets buckets) {
        this.props = props;
        this.buckets = buckets;
    }

    @Override
    public int getOrder() {
        return 0; // after the security filter chain (-100)
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!props.isEnabled() || exchange.getRequest().getPath().value().startsWith("/actuator/")) {
            return chain.filter(exchange);
        }
        String ip = clientIp(exchange.getRequest());
        return buckets.tryConsume("ip:" + ip, props.getPerIp()).flatMap(perIp -> {
            if (!perIp.isConsumed()) {
                return reject(exchange, props.getPerIp(), perIp, "this address");
            }
            return exchange.getPrincipal()
                    .flatMap(p -> buckets.tryConsume("user:" + p.getName(), props.getPerUser())
                            .map(probe -> new Decision(probe, props.getPerUser(), "this account")))
                    .defaultIfEmpty(new Decision(perIp, props.getPerIp(), "this address"))
                    .flatMap(d -> {
                        if (!d.probe().isConsumed()) {
                            return reject(exchange, d.limit(), d.probe(), d.who());
                        }
                        headers(exchange, d.limit(), d.probe());
                        return isLogin(exchange.getRequest()) ? limitLogin(exchange, chain, ip) : chain.filter(exchange);
                    });
        });
    }

    private record Decision(ConsumptionProbe probe, RateLimitProperties.Limit limit, String who) {
    }

    private Mono<Void> limitLogin(ServerWebExchange exchange, WebFilterChain chain, String ip) {
        return DataBufferUtils.join(exchange.getRequest().getBody())
                .map(buf -> {
                    byte[] bytes = new byte[buf.readableByteCount()];
                    buf.read(bytes);
                    DataBufferUtils.release(buf);
                    return bytes;
                })
                .defaultIfEmpty(new byte[0])
                .flatMap(bytes -> buckets.tryConsume("login:" + ip + "|" + email(bytes), props.getLogin()).flatMap(probe -> {
                    if (!probe.isConsumed()) {
                        return reject(exchange, props.getLogin(), probe, "logins with this email from this address");
                    }
                    ServerHttpRequest replay = new ServerHttpRequestDecorator(exchange.getRequest()) {
                        @Override
                        public Flux<DataBuffer> getBody() {
                            return Flux.defer(() -> Flux.just(exchange.getResponse().bufferFactory().wrap(bytes)));
                        }
                    };
                    return chain.filter(exchange.mutate().request(replay).build());
                }));
    }

    private static String email(byte[] body) {
        try {
            JsonNode n = JSON.readTree(body);
            JsonNode e = n == null ? null : n.get("email");
            return e != null && e.isString() ? e.asString().trim().toLowerCase(Locale.ROOT) : "";
        } catch (RuntimeException ex) {
            return ""; // malformed: the identity service answers it; still counted against this address
        }
    }

    private static boolean isLogin(ServerHttpRequest r) {
        return r.getMethod() == HttpMethod.POST && "/api/auth/login".equals(r.getPath().value());
    }

    private String clientIp(ServerHttpRequest r) {
        if (props.isTrustForwardedFor()) {
            String xff = r.getHeaders().getFirst("X-Forwarded-For");
            if (xff != null && !xff.isBlank()) {
                return xff.split(",")[0].trim();
            }
        }
        InetSocketAddress remote = r.getRemoteAddress();
        return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
    }

    private static void headers(ServerWebExchange exchange, RateLimitProperties.Limit limit, ConsumptionProbe probe) {
        var h = exchange.getResponse().getHeaders();
        h.set("RateLimit-Limit", String.valueOf(limit.getCapacity()));
        h.set("RateLimit-Remaining", String.valueOf(probe.getRemainingTokens()));
        h.set("RateLimit-Reset", String.valueOf(Math.max(0, seconds(probe.getNanosToWaitForReset()))));
    }

    private static Mono<Void> reject(ServerWebExchange exchange, RateLimitProperties.Limit limit, ConsumptionProbe probe, String who) {
        long retry = Math.max(1, seconds(probe.getNanosToWaitForRefill()));
        headers(exchange, limit, probe);
        exchange.getResponse().getHeaders().set("Retry-After", String.valueOf(retry));
        var problem = Problems.of(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Too many requests",
                "Too many requests for " + who + "; retry in " + retry + " s");
        problem.setProperty("retryAfter", retry);
        return Problems.write(exchange, problem);
    }

    private static long seconds(long nanos) {
        return (nanos + 999_999_999L) / 1_000_000_000L;
    }
}
