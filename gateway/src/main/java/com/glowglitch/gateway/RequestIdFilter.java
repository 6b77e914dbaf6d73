package com.glowglitch.gateway;

import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

/**
 * Every request gets an {@code X-Request-Id} (the caller's, if it is a sane token, else a new
 * UUID), forwarded to the service and echoed in the response, so a storefront bug report can be
 * matched with our logs. Runs as a WebFilter so fallbacks and gateway errors carry it too.
 */
@Component
public class RequestIdFilter implements WebFilter, Ordered {

    public static final String HEADER = "X-Request-Id";
    /** The path the client asked for, kept for problems written after a forward (fallbacks). */
    public static final String ORIGINAL_PATH_ATTR = "glowglitch.originalPath";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._\\-]{8,128}");

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String given = exchange.getRequest().getHeaders().getFirst(HEADER);
        String id = given != null && SANE.matcher(given).matches() ? given : UUID.randomUUID().toString();
        ServerHttpRequest request = exchange.getRequest().mutate().headers(h -> h.set(HEADER, id)).build();
        exchange.getResponse().getHeaders().set(HEADER, id);
        exchange.getAttributes().putIfAbsent(ORIGINAL_PATH_ATTR, exchange.getRequest().getPath().value());
        return chain.filter(exchange.mutate().request(request).build());
    }
}
