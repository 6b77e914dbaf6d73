package com.glowglitch.platform.test;

import java.nio.charset.StandardCharsets;
import java.util.Properties;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Puts hand-made records on a topic, as another context's producer (or an attacker) would. */
public final class TestEvents {

    private TestEvents() {
    }

    public static KafkaProducer<byte[], byte[]> producer() {
        Properties p = new Properties();
        p.put("bootstrap.servers", TestInfrastructure.kafkaBootstrap());
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** A binary-mode CloudEvents record keyed by its subject. */
    public static ProducerRecord<byte[], byte[]> record(String topic, String subject, String id, String type, String time,
                                                        String body) {
        ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(topic, subject.getBytes(StandardCharsets.UTF_8),
                body.getBytes(StandardCharsets.UTF_8));
        r.headers().add("ce_specversion", "1.0".getBytes())
                .add("ce_id", id.getBytes())
                .add("ce_type", type.getBytes())
                .add("ce_source", ("/" + topic.replace(".events", "") + "-service").getBytes())
                .add("ce_time", time.getBytes())
                .add("ce_subject", subject.getBytes(StandardCharsets.UTF_8))
                .add("content-type", "application/json".getBytes());
        return r;
    }

    /** Sends one record and waits for the broker's ack. */
    public static void send(ProducerRecord<byte[], byte[]> record) {
        try (KafkaProducer<byte[], byte[]> p = producer()) {
            p.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
