package com.glowglitch.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import org.HdrHistogram.Histogram;

/**
 * An open-model load: requests start on a fixed schedule ({@code rate} per second) whether or not
 * earlier ones finished, and each latency is measured from its <em>intended</em> start, so a
 * stalled server shows up in the percentiles instead of quietly slowing the generator down
 * (no coordinated omission).
 */
final class OpenLoad {

    private final HttpClient http;

    OpenLoad(HttpClient http) {
        this.http = http;
    }

    /** {@code sampleErrors}: the first answer body seen for each unexpected status, to say what went wrong. */
    record Result(Histogram latencyMicros, int errors, Map<Integer, Integer> statuses, double achievedRate,
                  Map<Integer, String> sampleErrors) {

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("count", latencyMicros.getTotalCount());
            m.put("achievedPerSecond", Math.round(achievedRate * 10) / 10.0);
            m.put("p50Ms", ms(latencyMicros.getValueAtPercentile(50)));
            m.put("p90Ms", ms(latencyMicros.getValueAtPercentile(90)));
            m.put("p99Ms", ms(latencyMicros.getValueAtPercentile(99)));
            m.put("maxMs", ms(latencyMicros.getMaxValue()));
            m.put("errors", errors);
            m.put("statuses", statuses);
            if (!sampleErrors.isEmpty()) {
                m.put("sampleErrors", sampleErrors);
            }
            return m;
        }

        private static double ms(long micros) {
            return Math.round(micros / 10.0) / 100.0;
        }
    }

    /**
     * Runs {@code rate}/s for {@code warmup} (not recorded) then {@code duration} (recorded); the
     * i-th request is {@code request.apply(i)}; a status other than {@code expect} is an error.
     */
    Result run(double rate, Duration warmup, Duration duration, IntFunction<HttpRequest> request, int expect)
            throws InterruptedException {
        Histogram h = new Histogram(TimeUnit.MINUTES.toMicros(2), 3);
        AtomicInteger errors = new AtomicInteger();
        Map<Integer, Integer> statuses = new java.util.concurrent.ConcurrentHashMap<>();
        Map<Integer, String> samples = new java.util.concurrent.ConcurrentHashMap<>();
        ConcurrentLinkedQueue<CompletableFuture<?>> inFlight = new ConcurrentLinkedQueue<>();
        long intervalNanos = (long) (1e9 / rate);
        long start = System.nanoTime();
        long recordFrom = start + warmup.toNanos();
        long end = recordFrom + duration.toNanos();
        int i = 0;
        for (long due = start; due < end; due += intervalNanos, i++) {
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            final long intended = due;
            final boolean record = due >= recordFrom;
            inFlight.add(http.sendAsync(request.apply(i), HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
                long micros = (System.nanoTime() - intended) / 1000;
                if (!record) {
                    return;
                }
                synchronized (h) {
                    h.recordValue(Math.min(micros, h.getHighestTrackableValue()));
                }
                int status = r == null ? -1 : r.statusCode();
                statuses.merge(status, 1, Integer::sum);
                if (status != expect) {
                    errors.incrementAndGet();
                    String body = r == null ? String.valueOf(e) : r.body();
                    samples.putIfAbsent(status, body.length() > 300 ? body.substring(0, 300) : body);
                }
            }));
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).exceptionally(e -> null)
                .orTimeout(2, TimeUnit.MINUTES).join();
        double seconds = duration.toNanos() / 1e9;
        return new Result(h, errors.get(), new java.util.TreeMap<>(statuses), h.getTotalCount() / seconds,
                new java.util.TreeMap<>(samples));
    }
}
