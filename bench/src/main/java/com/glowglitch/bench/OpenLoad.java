package com.glowglitch.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.IntFunction;

import org.HdrHistogram.Histogram;

/**
 * An open-model load: requests start on a fixed schedule ({@code rate} per second) whether or not
 * earlier ones finished, and each latency is measured from its <em>intended</em> start, so a
 * stalled server shows up in the percentiles instead of quietly slowing the generator down
 * (no coordinated omission). One run can mix several kinds of call; each kind keeps its own
 * histogram, and an optional {@link Timeline} counts what was offered and what completed per second.
 */
final class OpenLoad {

    private final HttpClient http;

    OpenLoad(HttpClient http) {
        this.http = http;
    }

    /** One request of the mix: its kind (a label in the results), the request and the status that means success. */
    record Call(String kind, HttpRequest request, int expect) {
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
            m.put("p999Ms", ms(latencyMicros.getValueAtPercentile(99.9)));
            m.put("maxMs", ms(latencyMicros.getMaxValue()));
            m.put("errors", errors);
            m.put("statuses", statuses);
            if (!sampleErrors.isEmpty()) {
                m.put("sampleErrors", sampleErrors);
            }
            return m;
        }

        double p99Ms() {
            return ms(latencyMicros.getValueAtPercentile(99));
        }

        double errorShare() {
            long n = latencyMicros.getTotalCount();
            return n == 0 ? 1.0 : (double) errors / n;
        }

        static double ms(long micros) {
            return Math.round(micros / 10.0) / 100.0;
        }
    }

    /** Requests offered, completed as expected and failed, per whole second since the timeline's start. */
    static final class Timeline {
        private final long startNanos = System.nanoTime();
        private final Map<Integer, AtomicIntegerArray> seconds = new ConcurrentHashMap<>(); // second -> {offered, ok, errors}

        double secondsSinceStart() {
            return (System.nanoTime() - startNanos) / 1e9;
        }

        void offered(long nanos) {
            bucket(nanos).incrementAndGet(0);
        }

        void completed(long nanos, boolean ok) {
            bucket(nanos).incrementAndGet(ok ? 1 : 2);
        }

        private AtomicIntegerArray bucket(long nanos) {
            int s = (int) Math.max(0, (nanos - startNanos) / 1_000_000_000L);
            return seconds.computeIfAbsent(s, k -> new AtomicIntegerArray(3));
        }

        /** {"second": [...], "offered": [...], "completed": [...], "errors": [...]}, gaps filled with zeros. */
        Map<String, Object> toMap() {
            int last = seconds.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1);
            int[][] columns = new int[4][last + 1];
            for (int s = 0; s <= last; s++) {
                AtomicIntegerArray b = seconds.getOrDefault(s, new AtomicIntegerArray(3));
                columns[0][s] = s;
                columns[1][s] = b.get(0);
                columns[2][s] = b.get(1);
                columns[3][s] = b.get(2);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("second", columns[0]);
            m.put("offered", columns[1]);
            m.put("completed", columns[2]);
            m.put("errors", columns[3]);
            return m;
        }
    }

    /**
     * Runs {@code rate}/s for {@code warmup} (not recorded) then {@code duration} (recorded); the
     * i-th request is {@code request.apply(i)}; a status other than {@code expect} is an error.
     */
    Result run(double rate, Duration warmup, Duration duration, IntFunction<HttpRequest> request, int expect)
            throws InterruptedException {
        return mix(rate, warmup, duration, i -> new Call("all", request.apply(i), expect), null).get("all");
    }

    /**
     * The mixed form: the i-th call is {@code calls.apply(i)}; returns one result per kind plus
     * {@code "all"} over every call. Counts go to {@code timeline} when it is not null.
     */
    Map<String, Result> mix(double rate, Duration warmup, Duration duration, IntFunction<Call> calls, Timeline timeline)
            throws InterruptedException {
        Map<String, Kind> kinds = new ConcurrentHashMap<>();
        Kind all = new Kind();
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
            Call call = calls.apply(i);
            Kind kind = kinds.computeIfAbsent(call.kind(), k -> new Kind());
            if (timeline != null) {
                timeline.offered(intended);
            }
            inFlight.add(http.sendAsync(call.request(), HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
                long now = System.nanoTime();
                int status = r == null ? -1 : r.statusCode();
                boolean ok = status == call.expect();
                if (timeline != null) {
                    timeline.completed(now, ok);
                }
                if (!record) {
                    return;
                }
                long micros = (now - intended) / 1000;
                String body = ok ? null : r == null ? String.valueOf(e) : r.body();
                kind.record(micros, status, ok, body);
                all.record(micros, status, ok, body);
            }));
            inFlight.removeIf(CompletableFuture::isDone);
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).exceptionally(e -> null)
                .orTimeout(2, TimeUnit.MINUTES).join();
        double seconds = duration.toNanos() / 1e9;
        Map<String, Result> out = new TreeMap<>();
        kinds.forEach((k, v) -> out.put(k, v.result(seconds)));
        out.put("all", all.result(seconds));
        return out;
    }

    private static final class Kind {
        private final Histogram h = new Histogram(TimeUnit.MINUTES.toMicros(2), 3);
        private final AtomicInteger errors = new AtomicInteger();
        private final Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        private final Map<Integer, String> samples = new ConcurrentHashMap<>();

        void record(long micros, int status, boolean ok, String body) {
            synchronized (h) {
                h.recordValue(Math.min(micros, h.getHighestTrackableValue()));
            }
            statuses.merge(status, 1, Integer::sum);
            if (!ok) {
                errors.incrementAndGet();
                samples.putIfAbsent(status, body.length() > 300 ? body.substring(0, 300) : body);
            }
        }

        Result result(double seconds) {
            synchronized (h) {
                return new Result(h.copy(), errors.get(), new TreeMap<>(statuses), h.getTotalCount() / seconds, new TreeMap<>(samples));
            }
        }
    }
}
