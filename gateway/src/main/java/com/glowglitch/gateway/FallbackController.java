package com.glowglitch.gateway;

import java.util.concurrent.TimeoutException;

import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import com.glowglitch.platform.web.Problems;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.swagger.v3.oas.annotations.Hidden;
import reactor.core.publisher.Mono;

/** Where a route's circuit breaker sends a call its service could not take: a 503 problem naming the service. */
@RestController
@Hidden
public class FallbackController {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(FallbackController.class);

    @RequestMapping("/fallback/{service}")
    public Mono<Void> unavailable(@PathVariable String service, ServerWebExchange exchange) {
        Throwable cause = exchange.getAttribute(ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
        String why;
        if (causedBy(cause, TimeoutException.class)
                || causedBy(cause, org.springframework.cloud.gateway.support.TimeoutException.class)) {
            why = "did not answer in time";
        } else if (causedBy(cause, CallNotPermittedException.class)) {
            why = "is failing; calls are paused for a few seconds (circuit open)";
        } else if (causedBy(cause, io.github.resilience4j.bulkhead.BulkheadFullException.class)) {
            why = "is busy (too many calls in flight)";
        } else {
            why = "is unavailable";
        }
        if (!causedBy(cause, CallNotPermittedException.class)) {
            // what tripped the breaker is what an SRE needs to see; the open-circuit answers that follow are noise
            log.warn("{} call failed: {}", service, cause == null ? "unknown cause" : cause.toString());
        }
        exchange.getResponse().getHeaders().set("Retry-After", "5");
        var problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable", "Service unavailable",
                service + " " + why + "; please retry shortly");
        problem.setProperty("service", service);
        String original = exchange.getAttribute(RequestIdFilter.ORIGINAL_PATH_ATTR);
        if (original != null) {
            problem.setInstance(java.net.URI.create(original));
        }
        return Problems.write(exchange, problem);
    }

    /** The route's response timeout surfaces as a 504 status exception wrapping the timeout. */
    private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }
}
