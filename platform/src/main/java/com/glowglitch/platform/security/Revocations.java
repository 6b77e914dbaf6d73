package com.glowglitch.platform.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

import com.glowglitch.platform.events.RecordHeaders;

/**
 * Access tokens are stateless for 15 minutes, but a disabled, admin-locked or erased account must
 * lose access everywhere at once. Every service instance reads {@code identity.events} from the
 * beginning (its own consumer group, so each instance sees everything) and keeps the accounts
 * whose tokens issued before that moment are refused; an unlock lifts an admin lock. As a
 * {@link OAuth2TokenValidator} it plugs into the service's JWT decoder, so a revoked token is a
 * 401 like any invalid one.
 */
public class Revocations implements OAuth2TokenValidator<Jwt>, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Revocations.class);
    public static final String TOPIC = "identity.events";
    private static final Pattern LOCK_REASON = Pattern.compile("\"reason\"\\s*:\\s*\"([a-z-]+)\"");

    private final String bootstrapServers;
    private final String group;
    private final Map<String, Instant> revoked = new ConcurrentHashMap<>();
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile Thread thread;
    private volatile boolean running;

    public Revocations(String bootstrapServers, String applicationName) {
        this.bootstrapServers = bootstrapServers;
        this.group = applicationName + "-revocations-" + UUID.randomUUID();
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        Instant since = revoked.get(token.getSubject());
        Instant issued = token.getIssuedAt();
        if (since != null && (issued == null || !issued.isAfter(since))) {
            return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "the account's access was revoked", null));
        }
        return OAuth2TokenValidatorResult.success();
    }

    /** Applies one identity event; public so it can be tested without a broker. */
    public void apply(String type, String subject, Instant time, String data) {
        if (subject == null || type == null) {
            return;
        }
        switch (type) {
            case "UserDisabled", "UserErased" -> revoked.merge(subject, time, (a, b) -> a.isAfter(b) ? a : b);
            case "UserLocked" -> {
                Matcher m = LOCK_REASON.matcher(data == null ? "" : data);
                if (m.find() && "admin".equals(m.group(1))) {
                    revoked.merge(subject, time, (a, b) -> a.isAfter(b) ? a : b);
                }
            }
            case "UserUnlocked" -> revoked.remove(subject);
            default -> {
                // other identity events do not affect access
            }
        }
    }

    @Override
    public void start() {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrapServers);
        p.put("group.id", group);
        p.put("auto.offset.reset", "earliest");
        p.put("enable.auto.commit", "false");
        p.put("allow.auto.create.topics", "true");
        consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        running = true;
        thread = new Thread(this::loop, "token-revocations");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        try {
            consumer.subscribe(List.of(TOPIC));
            while (running) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    try {
                        String time = RecordHeaders.text(r, "ce_time");
                        apply(RecordHeaders.text(r, "ce_type"), RecordHeaders.text(r, "ce_subject"),
                                time == null ? Instant.ofEpochMilli(r.timestamp()) : Instant.parse(time),
                                r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8));
                    } catch (RuntimeException e) {
                        log.warn("ignoring unreadable identity event at offset {}: {}", r.offset(), e.toString());
                    }
                }
            }
        } catch (WakeupException e) {
            // stopping
        } catch (RuntimeException e) {
            log.error("token revocation feed stopped", e);
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    @Override
    public void stop() {
        running = false;
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
