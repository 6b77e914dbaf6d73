package com.glowglitch.platform.test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads a topic from the beginning with a fresh consumer group, as a downstream team would. */
public final class TopicReader implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();

    public TopicReader(String topic) {
        consumer = new KafkaConsumer<>(TestInfrastructure.kafkaConsumerProps("reader-" + UUID.randomUUID()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
    }

    /** Polls until at least {@code n} records arrived or the timeout passed; returns all seen so far. */
    public List<ConsumerRecord<byte[], byte[]>> await(int n, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (records.size() < n && System.nanoTime() < end) {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        return List.copyOf(records);
    }

    /**
     * Polls until {@code n} records satisfy {@code match} or the timeout passed, then keeps polling
     * for {@code settle} so a duplicate that follows would be seen too; returns the matching records.
     */
    public List<ConsumerRecord<byte[], byte[]>> awaitMatching(java.util.function.Predicate<ConsumerRecord<byte[], byte[]>> match,
                                                             int n, Duration timeout, Duration settle) {
        long end = System.nanoTime() + timeout.toNanos();
        while (records.stream().filter(match).count() < n && System.nanoTime() < end) {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        long quiet = System.nanoTime() + settle.toNanos();
        while (System.nanoTime() < quiet) {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        return records.stream().filter(match).toList();
    }

    public static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        return com.glowglitch.platform.events.RecordHeaders.text(r, name);
    }

    public static String value(ConsumerRecord<byte[], byte[]> r) {
        return r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
