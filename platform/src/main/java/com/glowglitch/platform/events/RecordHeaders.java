package com.glowglitch.platform.events;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** Reading a raw Kafka record's headers (CloudEvents attributes, dead-letter metadata) as text. */
public final class RecordHeaders {

    private RecordHeaders() {
    }

    /** The last header of that name as UTF-8, or null. */
    public static String text(ConsumerRecord<?, ?> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
