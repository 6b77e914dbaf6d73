package com.glowglitch.platform.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Every knob of the platform library, under {@code glowglitch.*}. */
@ConfigurationProperties(prefix = "glowglitch")
public class PlatformProperties {

    private final Mongo mongo = new Mongo();
    private final Outbox outbox = new Outbox();
    private final Web web = new Web();
    private final Events events = new Events();
    private final Crypto crypto = new Crypto();
    private final Security security = new Security();

    public Mongo getMongo() { return mongo; }
    public Outbox getOutbox() { return outbox; }
    public Web getWeb() { return web; }
    public Events getEvents() { return events; }
    public Crypto getCrypto() { return crypto; }
    public Security getSecurity() { return security; }

    public static class Mongo {
        /** Maximum connections in the driver's pool (DB_POOL_SIZE). */
        private int poolSize = 10;
        /** Milliseconds to wait for a server, a connection or an answer (DB_TIMEOUT). */
        private long timeout = 30000;
        /** Commands slower than this are logged at WARN and kept for /admin/db/metrics. */
        private Duration slowOperationThreshold = Duration.ofMillis(100);
        /** Retries of a transient error (network, primary stepped down) before giving up. */
        private int transientRetries = 3;
        public int getPoolSize() { return poolSize; }
        public void setPoolSize(int poolSize) { this.poolSize = poolSize; }
        public long getTimeout() { return timeout; }
        public void setTimeout(long timeout) { this.timeout = timeout; }
        public Duration getSlowOperationThreshold() { return slowOperationThreshold; }
        public void setSlowOperationThreshold(Duration d) { this.slowOperationThreshold = d; }
        public int getTransientRetries() { return transientRetries; }
        public void setTransientRetries(int transientRetries) { this.transientRetries = transientRetries; }
    }

    public static class Outbox {
        /** Collections whose documents carry an {@code outbox} array (aggregates that emit events). */
        private List<String> collections = new ArrayList<>();
        /** Safety-net poll interval; the relay is also woken right after every write. */
        private Duration pollInterval = Duration.ofSeconds(1);
        /** Aggregates drained per pass. */
        private int batchSize = 100;
        /** Aggregates whose events are sent side by side in one pass (each aggregate's own events stay in order). */
        private int parallelism = 8;
        private boolean enabled = true;
        public List<String> getCollections() { return collections; }
        public void setCollections(List<String> collections) { this.collections = collections; }
        public Duration getPollInterval() { return pollInterval; }
        public void setPollInterval(Duration pollInterval) { this.pollInterval = pollInterval; }
        public int getBatchSize() { return batchSize; }
        public int getParallelism() { return parallelism; }
        public void setParallelism(int parallelism) { this.parallelism = parallelism; }
        public void setBatchSize(int batchSize) { this.batchSize = batchSize; }
        public boolean isEnabled() { return enabled; }
        public void setEnabled(boolean enabled) { this.enabled = enabled; }
    }

    public static class Web {
        /** Largest accepted request body; larger answers 413. */
        private long maxBodyBytes = 1024 * 1024;
        /** The JSON-key / query-name guard against NoSQL operator injection. */
        private boolean guardEnabled = true;
        public long getMaxBodyBytes() { return maxBodyBytes; }
        public void setMaxBodyBytes(long maxBodyBytes) { this.maxBodyBytes = maxBodyBytes; }
        public boolean isGuardEnabled() { return guardEnabled; }
        public void setGuardEnabled(boolean guardEnabled) { this.guardEnabled = guardEnabled; }
    }

    public static class Events {
        /** Topics this service consumes; each has a {@code <topic>.DLT} whose depth is measured. */
        private List<String> consumes = new ArrayList<>();
        /** How long one handler may take before the delivery counts as failed. */
        private Duration handlerTimeout = Duration.ofSeconds(10);
        public List<String> getConsumes() { return consumes; }
        public void setConsumes(List<String> consumes) { this.consumes = consumes; }
        public Duration getHandlerTimeout() { return handlerTimeout; }
        public void setHandlerTimeout(Duration handlerTimeout) { this.handlerTimeout = handlerTimeout; }
    }

    public static class Crypto {
        /** Key id → base64 AES key (16 or 32 bytes). */
        private Map<String, String> keys = new LinkedHashMap<>();
        /** The key new values are encrypted with; old ids stay readable for rotation. */
        private String activeKeyId;
        public Map<String, String> getKeys() { return keys; }
        public void setKeys(Map<String, String> keys) { this.keys = keys; }
        public String getActiveKeyId() { return activeKeyId; }
        public void setActiveKeyId(String activeKeyId) { this.activeKeyId = activeKeyId; }
    }

    public static class Security {
        /** Paths anyone may call (besides health, metrics and API docs), Ant-style, e.g. {@code GET /api/products/**}. */
        private List<String> publicPaths = new ArrayList<>();
        public List<String> getPublicPaths() { return publicPaths; }
        public void setPublicPaths(List<String> publicPaths) { this.publicPaths = publicPaths; }
    }
}
