package com.glowglitch.platform.mongo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.mongodb.event.CommandFailedEvent;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandSucceededEvent;

/**
 * Logs MongoDB commands slower than the configured threshold and keeps the most recent ones
 * for {@code /admin/db/metrics}. Micrometer's command listener (auto-configured by Boot)
 * records the timings of every command; this one answers "which ones were slow".
 */
public class SlowOperationLog implements CommandListener {

    private static final Logger log = LoggerFactory.getLogger(SlowOperationLog.class);
    private static final int KEPT = 50;

    public record SlowOperation(Instant at, String database, String command, long millis, boolean failed) {
    }

    private final long thresholdNanos;
    private final Deque<SlowOperation> recent = new ArrayDeque<>();
    private final AtomicLong commands = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong slow = new AtomicLong();

    public SlowOperationLog(Duration threshold) {
        this.thresholdNanos = threshold.toNanos();
    }

    @Override
    public void commandSucceeded(CommandSucceededEvent event) {
        commands.incrementAndGet();
        record(event.getDatabaseName(), event.getCommandName(), event.getElapsedTime(java.util.concurrent.TimeUnit.NANOSECONDS), false);
    }

    @Override
    public void commandFailed(CommandFailedEvent event) {
        commands.incrementAndGet();
        failures.incrementAndGet();
        record(event.getDatabaseName(), event.getCommandName(), event.getElapsedTime(java.util.concurrent.TimeUnit.NANOSECONDS), true);
    }

    private void record(String db, String command, long nanos, boolean failed) {
        if (nanos < thresholdNanos) {
            return;
        }
        slow.incrementAndGet();
        long millis = nanos / 1_000_000;
        log.warn("slow MongoDB command {} on {} took {} ms{}", command, db, millis, failed ? " and failed" : "");
        synchronized (recent) {
            if (recent.size() == KEPT) {
                recent.removeFirst();
            }
            recent.addLast(new SlowOperation(Instant.now(), db, command, millis, failed));
        }
    }

    public List<SlowOperation> recent() {
        synchronized (recent) {
            return new ArrayList<>(recent);
        }
    }

    public long commandCount() {
        return commands.get();
    }

    public long failureCount() {
        return failures.get();
    }

    public long slowCount() {
        return slow.get();
    }
}
