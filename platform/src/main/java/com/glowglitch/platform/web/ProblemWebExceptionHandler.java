package com.glowglitch.platform.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.WebExceptionHandler;

import reactor.core.publisher.Mono;

/**
 * The last word on every error: whatever escaped a controller or filter becomes an RFC 9457
 * problem document with a stable type. Unexpected errors are logged with their stack trace
 * and answered with a bare 500 problem — never a stack trace to the client.
 */
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class ProblemWebExceptionHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemWebExceptionHandler.class);

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        ProblemDetail problem = toProblem(ex, exchange);
        Object retryAfter = problem.getProperties() == null ? null : problem.getProperties().get("retryAfter");
        if (retryAfter != null) {
            exchange.getResponse().getHeaders().set("Retry-After", String.valueOf(retryAfter));
        }
        return Problems.write(exchange, problem);
    }

    ProblemDetail toProblem(Throwable ex, ServerWebExchange exchange) {
        if (ex instanceof ApiException api) {
            ProblemDetail p = Problems.of(api.status(), api.slug(), api.title(), api.getMessage());
            api.extensions().forEach(p::setProperty);
            return p;
        }
        if (ex instanceof WebExchangeBindException bind) {
            ProblemDetail p = Problems.of(HttpStatus.BAD_REQUEST, "validation", "Invalid request",
                    "The request has " + bind.getErrorCount() + " invalid field(s)");
            List<Map<String, Object>> errors = bind.getFieldErrors().stream().map(ProblemWebExceptionHandler::fieldError).toList();
            p.setProperty("errors", errors);
            return p;
        }
        if (ex instanceof ServerWebInputException input) {
            return Problems.of(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request", inputDetail(input));
        }
        if (ex instanceof DataBufferLimitException) {
            return Problems.of(HttpStatus.PAYLOAD_TOO_LARGE, "body-too-large", "Request body too large", ex.getMessage());
        }
        if (ex instanceof AuthenticationException) {
            return Problems.of(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized", "A valid bearer token is required");
        }
        if (ex instanceof AccessDeniedException) {
            return Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", "Your role does not allow this");
        }
        if (ex instanceof ErrorResponse er) {
            HttpStatusCode status = er.getStatusCode();
            String detail = er.getBody().getDetail() != null ? er.getBody().getDetail() : reason(status);
            String slug = switch (status.value()) {
                case 404 -> "not-found";
                case 405 -> "method-not-allowed";
                case 406 -> "not-acceptable";
                case 413 -> "body-too-large";
                case 415 -> "unsupported-media-type";
                default -> "http-" + status.value();
            };
            return Problems.of(status, slug, reason(status), detail);
        }
        log.error("unhandled error on {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), ex);
        return Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Internal error",
                "Something went wrong on our side; it has been logged");
    }

    private static String inputDetail(ServerWebInputException input) {
        Throwable c = input.getCause();
        for (Throwable t = c; t != null; t = t.getCause()) {
            if (t instanceof tools.jackson.databind.DatabindException de && !de.getPath().isEmpty()) {
                String field = de.getPath().stream()
                        .map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
                        .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("?");
                String what = t instanceof tools.jackson.databind.exc.UnrecognizedPropertyException
                        ? "is not a known field" : "has the wrong type or format";
                return "Field '" + field + "' " + what;
            }
        }
        if (c instanceof DecodingException) {
            return "The body is not valid JSON for this request";
        }
        if (c instanceof DataBufferLimitException) {
            return "The body is too large";
        }
        return input.getReason() != null ? input.getReason() : "The request could not be read";
    }

    private static Map<String, Object> fieldError(FieldError f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("field", f.getField());
        m.put("message", f.getDefaultMessage());
        return m;
    }

    private static String reason(HttpStatusCode status) {
        HttpStatus s = HttpStatus.resolve(status.value());
        return s != null ? s.getReasonPhrase() : "HTTP " + status.value();
    }
}
