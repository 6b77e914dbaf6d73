package com.glowglitch.platform.dbadmin;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.beans.factory.DisposableBean;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Broker reachability for {@code /admin/db/health}: one {@code describeCluster} with a timeout. */
public class KafkaStatus implements DisposableBean {

    private final String bootstrapServers;
    private final Duration timeout;
    private volatile Admin admin;

    public KafkaStatus(String bootstrapServers, Duration timeout) {
        this.bootstrapServers = bootstrapServers;
        this.timeout = timeout;
    }

    public Admin admin() {
        Admin a = admin;
        if (a == null) {
            synchronized (this) {
                if (admin == null) {
                    Properties p = new Properties();
                    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
                    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
                    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
                    p.put(AdminClientConfig.CLIENT_ID_CONFIG, "glowglitch-status");
                    admin = Admin.create(p);
                }
                a = admin;
            }
        }
        return a;
    }

    public Mono<Map<String, Object>> check() {
        return Mono.fromCallable(() -> {
            long start = System.nanoTime();
            Map<String, Object> m = new LinkedHashMap<>();
            try {
                int nodes = admin().describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                        .nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
                m.put("status", "UP");
                m.put("brokers", nodes);
            } catch (Exception e) {
                m.put("status", "DOWN");
                m.put("error", e.getClass().getSimpleName());
            }
            m.put("bootstrapServers", bootstrapServers);
            m.put("latencyMs", (System.nanoTime() - start) / 1_000_000);
            return m;
        }).subscribeOn(Schedulers.boundedElastic());
    }

    @Override
    public void destroy() {
        Admin a = admin;
        if (a != null) {
            a.close(Duration.ofSeconds(2));
        }
    }
}
