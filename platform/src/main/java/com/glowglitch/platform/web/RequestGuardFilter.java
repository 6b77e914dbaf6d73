package com.glowglitch.platform.web;

import java.util.Map;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * First line of defense for every request:
 * <ul>
 *   <li>bodies larger than the limit (default 1 MiB) answer 413, whether announced by
 *       {@code Content-Length} or discovered while streaming;</li>
 *   <li>a query parameter name, or a key anywhere in a JSON body, that starts with {@code $}
 *       or contains {@code .} answers 400: such keys are MongoDB operators or paths and have
 *       no business in our API (NoSQL operator injection, e.g. {@code {"name": {"$ne": null}}});</li>
 *   <li>a JSON body that is not well-formed answers 400 before any handler sees it.</li>
 * </ul>
 * The body is scanned with a streaming parser (no tree is built) and handed on unchanged.
 */
public class RequestGuardFilter implements WebFilter, Ordered {

    private static final JsonFactory JSON = new JsonFactory();
    private final long maxBytes;

    public RequestGuardFilter(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 20;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        for (Map.Entry<String, java.util.List<String>> q : request.getQueryParams().entrySet()) {
            if (forbiddenKey(q.getKey())) {
                return reject(exchange, "query parameter name '" + printable(q.getKey()) + "'");
            }
        }
        long length = request.getHeaders().getContentLength();
        if (length > maxBytes) {
            return tooLarge(exchange);
        }
        MediaType type = request.getHeaders().getContentType();
        boolean json = type != null && (type.isCompatibleWith(MediaType.APPLICATION_JSON)
                || type.getSubtype().endsWith("+json"));
        if (!json) {
            if (length < 0 && hasBody(request)) {
                return chain.filter(exchange.mutate().request(limited(request)).build());
            }
            return chain.filter(exchange);
        }
        return DataBufferUtils.join(request.getBody(), (int) Math.min(maxBytes, Integer.MAX_VALUE))
                .materialize()
                .flatMap(signal -> {
                    if (signal.hasError()) {
                        Throwable e = signal.getThrowable();
                        if (e instanceof org.springframework.core.io.buffer.DataBufferLimitException) {
                            return tooLarge(exchange);
                        }
                        return Mono.error(e);
                    }
                    DataBuffer body = signal.get();
                    if (body == null) { // empty body
                        return chain.filter(exchange);
                    }
                    byte[] bytes = new byte[body.readableByteCount()];
                    body.read(bytes);
                    DataBufferUtils.release(body);
                    String problem = scan(bytes);
                    if (problem != null) {
                        return problem.startsWith("!") ? malformed(exchange, problem.substring(1))
                                : reject(exchange, problem);
                    }
                    ServerHttpRequest replay = new ServerHttpRequestDecorator(request) {
                        @Override
                        public Flux<DataBuffer> getBody() {
                            return Flux.defer(() -> Flux.just(exchange.getResponse().bufferFactory().wrap(bytes)));
                        }
                    };
                    return chain.filter(exchange.mutate().request(replay).build());
                });
    }

    /** @return null if fine, "!reason" if malformed, otherwise a description of the forbidden key */
    static String scan(byte[] bytes) {
        if (bytes.length == 0) {
            return null;
        }
        try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), bytes)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.PROPERTY_NAME && forbiddenKey(p.currentName())) {
                    return "JSON key '" + printable(p.currentName()) + "'";
                }
            }
            return null;
        } catch (JacksonException e) {
            return "!The body is not well-formed JSON: " + e.getOriginalMessage();
        }
    }

    static boolean forbiddenKey(String key) {
        return key.startsWith("$") || key.indexOf('.') >= 0 || key.indexOf('\u0000') >= 0;
    }

    private static String printable(String key) {
        String k = key.length() > 64 ? key.substring(0, 64) + "…" : key;
        return k.replaceAll("\\p{Cntrl}", "?");
    }

    private static boolean hasBody(ServerHttpRequest r) {
        return r.getHeaders().containsHeader("Transfer-Encoding");
    }

    /** Streams a body of unknown length, failing with 413 once it passes the limit. */
    private ServerHttpRequest limited(ServerHttpRequest request) {
        return new ServerHttpRequestDecorator(request) {
            @Override
            public Flux<DataBuffer> getBody() {
                long[] seen = {0};
                return super.getBody().handle((buf, sink) -> {
                    seen[0] += buf.readableByteCount();
                    if (seen[0] > maxBytes) {
                        DataBufferUtils.release(buf);
                        sink.error(new org.springframework.core.io.buffer.DataBufferLimitException(
                                "request body exceeds " + maxBytes + " bytes"));
                    } else {
                        sink.next(buf);
                    }
                });
            }
        };
    }

    private Mono<Void> tooLarge(ServerWebExchange exchange) {
        return Problems.write(exchange, Problems.of(HttpStatus.PAYLOAD_TOO_LARGE, "body-too-large",
                "Request body too large", "The request body exceeds the limit of " + maxBytes + " bytes"));
    }

    private static Mono<Void> reject(ServerWebExchange exchange, String what) {
        return Problems.write(exchange, Problems.of(HttpStatus.BAD_REQUEST, "forbidden-key", "Forbidden key",
                "The " + what + " is not allowed: names may not start with '$' or contain '.'"));
    }

    private static Mono<Void> malformed(ServerWebExchange exchange, String detail) {
        return Problems.write(exchange, Problems.of(HttpStatus.BAD_REQUEST, "malformed-json", "Malformed JSON", detail));
    }
}
