package com.glowglitch.platform.dlt;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import com.glowglitch.platform.events.RecordHeaders;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Dead-letter topics of the topics this service consumes: their depth (records not yet
 * replayed by this service) as the {@code dlt.depth} gauge, and replay — each dead record is
 * produced again to its original topic with its original key and headers (the exception
 * headers dropped), then the replay group's offset moves past it. Consumers are idempotent,
 * so a replayed event that other services already handled changes nothing there.
 */
public class DeadLetters implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final String bootstrapServers;
    private final String replayGroup;
    private final List<String> topics;
    private final Duration refresh;
    private final Map<String, AtomicLong> depths = new ConcurrentHashMap<>();
    private volatile Disposable poller;

    public DeadLetters(String bootstrapServers, String applicationName, List<String> consumedTopics,
                       Duration refresh, MeterRegistry meters) {
        this.bootstrapServers = bootstrapServers;
        this.replayGroup = applicationName + "-dlt-replay";
        this.topics = consumedTopics.stream().map(t -> t + ".DLT").toList();
        this.refresh = refresh;
        for (String t : topics) {
            AtomicLong depth = new AtomicLong();
            depths.put(t, depth);
            Gauge.builder("dlt.depth", depth, AtomicLong::get).tag("topic", t)
                    .description("dead-lettered records not yet replayed").register(meters);
        }
    }

    public List<String> topics() {
        return topics;
    }

    public Mono<Map<String, Long>> depths() {
        return Mono.fromCallable(() -> {
            Map<String, Long> out = new LinkedHashMap<>();
            try (KafkaConsumer<byte[], byte[]> c = consumer()) {
                for (String t : topics) {
                    long d = depth(c, t);
                    depths.get(t).set(d);
                    out.put(t, d);
                }
            }
            return out;
        }).subscribeOn(Schedulers.boundedElastic());
    }

    /** Replays every record of {@code dltTopic} that this service has not replayed yet. */
    public Mono<Long> replay(String dltTopic) {
        if (!topics.contains(dltTopic)) {
            return Mono.error(new IllegalArgumentException(dltTopic));
        }
        return Mono.fromCallable(() -> doReplay(dltTopic)).subscribeOn(Schedulers.boundedElastic());
    }

    private long doReplay(String dltTopic) throws Exception {
        long replayed = 0;
        try (KafkaConsumer<byte[], byte[]> c = consumer(); KafkaProducer<byte[], byte[]> p = producer()) {
            List<TopicPartition> parts = partitions(c, dltTopic);
            if (parts.isEmpty()) {
                return 0;
            }
            c.assign(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            Map<TopicPartition, OffsetAndMetadata> committed = c.committed(new java.util.HashSet<>(parts));
            for (TopicPartition tp : parts) {
                OffsetAndMetadata o = committed.get(tp);
                if (o == null) {
                    c.seekToBeginning(List.of(tp));
                } else {
                    c.seek(tp, o.offset());
                }
            }
            long deadline = System.currentTimeMillis() + 30_000;
            while (!caughtUp(c, end) && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                    String original = RecordHeaders.text(r, "x-original-topic");
                    String target = original != null ? original : dltTopic.substring(0, dltTopic.length() - 4);
                    ProducerRecord<byte[], byte[]> out = new ProducerRecord<>(target, r.key(), r.value());
                    for (Header h : r.headers()) {
                        if (!h.key().startsWith("x-exception") && !h.key().startsWith("x-original")) {
                            out.headers().add(h);
                        }
                    }
                    out.headers().add("x-replayed-from", dltTopic.getBytes(StandardCharsets.UTF_8));
                    p.send(out).get(10, TimeUnit.SECONDS);
                    c.commitSync(Map.of(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1)));
                    replayed++;
                }
            }
            depths.get(dltTopic).set(depth(c, dltTopic));
        }
        log.info("replayed {} record(s) from {}", replayed, dltTopic);
        return replayed;
    }

    private static boolean caughtUp(KafkaConsumer<byte[], byte[]> c, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (c.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private long depth(KafkaConsumer<byte[], byte[]> c, String topic) {
        List<TopicPartition> parts = partitions(c, topic);
        if (parts.isEmpty()) {
            return 0;
        }
        Map<TopicPartition, Long> end = c.endOffsets(parts);
        Map<TopicPartition, Long> begin = c.beginningOffsets(parts);
        Map<TopicPartition, OffsetAndMetadata> committed = c.committed(new java.util.HashSet<>(parts));
        long depth = 0;
        for (TopicPartition tp : parts) {
            OffsetAndMetadata o = committed.get(tp);
            long from = o != null ? o.offset() : begin.getOrDefault(tp, 0L);
            depth += Math.max(0, end.getOrDefault(tp, 0L) - from);
        }
        return depth;
    }

    private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> c, String topic) {
        Map<String, List<PartitionInfo>> all = c.listTopics(Duration.ofSeconds(5));
        List<PartitionInfo> infos = all.get(topic);
        List<TopicPartition> out = new ArrayList<>();
        if (infos != null) {
            infos.forEach(i -> out.add(new TopicPartition(i.topic(), i.partition())));
        }
        return out;
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, replayGroup);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        p.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private KafkaProducer<byte[], byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000);
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Override
    public void start() {
        if (topics.isEmpty()) {
            return;
        }
        poller = Flux.interval(Duration.ofSeconds(5), refresh)
                .concatMap(t -> depths().onErrorResume(e -> {
                    log.debug("DLT depth check failed: {}", e.toString());
                    return Mono.empty();
                }))
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable d = poller;
        if (d != null) {
            d.dispose();
        }
        poller = null;
    }

    @Override
    public boolean isRunning() {
        return poller != null;
    }
}
