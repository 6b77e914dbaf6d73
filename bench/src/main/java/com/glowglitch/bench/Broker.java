package com.glowglitch.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** What the event scenarios need from the broker: a consumer at a topic's end, a header, the bare producer's floor. */
final class Broker {

    private Broker() {
    }

    /** A consumer of {@code topic} in a fresh group, assigned and positioned at the end: it sees only what comes next. */
    static KafkaConsumer<byte[], byte[]> tailing(String kafka, String topic) {
        Map<String, Object> cfg = new HashMap<>();
        cfg.put("bootstrap.servers", kafka);
        cfg.put("group.id", "bench-" + UUID.randomUUID());
        cfg.put("auto.offset.reset", "latest");
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(cfg, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        long until = System.currentTimeMillis() + 15_000;
        while (consumer.assignment().isEmpty() && System.currentTimeMillis() < until) {
            consumer.poll(Duration.ofMillis(100));
        }
        consumer.seekToEnd(consumer.assignment());
        consumer.assignment().forEach(consumer::position);
        return consumer;
    }

    static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /**
     * The broker's own floor: a bare idempotent producer (acks=all, no linger) sending one small
     * record at a time to {@code bench.baseline}; send → ack in microseconds of the last {@code n}
     * sends after {@code warmup} unrecorded ones.
     */
    static Histogram producerAcks(String kafka, int n, int warmup) throws Exception {
        Properties pp = new Properties();
        pp.put("bootstrap.servers", kafka);
        pp.put("acks", "all");
        pp.put("enable.idempotence", "true");
        pp.put("linger.ms", "0");
        Histogram h = new Histogram(TimeUnit.MINUTES.toMicros(1), 3);
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(pp, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < n + warmup; i++) {
                long t = System.nanoTime();
                p.send(new ProducerRecord<>("bench.baseline", ("k" + (i % 10)).getBytes(), "{\"x\":1}".getBytes())).get();
                if (i >= warmup) {
                    h.recordValue((System.nanoTime() - t) / 1000);
                }
            }
        }
        return h;
    }
}
