package com.glowglitch.platform.test;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Another of our services, run from its built jar as its own process against the test JVM's
 * broker, store and JWKS — the real thing a service under test calls over HTTP (cart-service
 * calls catalog-service), not a stub of it. Started once per test JVM and module; stopped when
 * the JVM exits (and by the service's own parent watchdog if the JVM is killed).
 */
public final class ServiceProcess {

    private static final Map<String, ServiceProcess> RUNNING = new ConcurrentHashMap<>();

    private final String module;
    private final Path jar;
    private final Path log;
    private final int port;
    private final Map<String, String> env;
    private Process process;

    private ServiceProcess(String module, Path jar, int port, Map<String, String> env) {
        this.module = module;
        this.jar = jar;
        this.port = port;
        this.env = env;
        this.log = Path.of("target", module + "-for-tests.log");
    }

    /** The module's service, started (and healthy) on a free port; the same instance for the whole JVM. */
    public static ServiceProcess of(String module) {
        return of(module, Map.of());
    }

    public static ServiceProcess of(String module, Map<String, String> env) {
        return RUNNING.computeIfAbsent(module, m -> {
            ServiceProcess p = new ServiceProcess(m, findJar(m), freePort(), env);
            p.start();
            Runtime.getRuntime().addShutdownHook(new Thread(p::stop));
            return p;
        });
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        TestInfrastructure.start();
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k", "-jar", jar.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> e = pb.environment();
        e.put("PORT", String.valueOf(port));
        e.put("MONGODB_URI", TestInfrastructure.mongoUri());
        e.put("KAFKA_BOOTSTRAP_SERVERS", TestInfrastructure.kafkaBootstrap());
        e.put("IDENTITY_JWKS_URI", TestInfrastructure.jwksUri());
        e.put("GLOWGLITCH_PARENT_PID", String.valueOf(ProcessHandle.current().pid()));
        e.put("LOGGING_LEVEL_ORG_APACHE_KAFKA", "WARN");
        e.putAll(env);
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            process = pb.start();
        } catch (IOException ex) {
            throw new UncheckedIOException("could not start " + module, ex);
        }
        awaitReady(Duration.ofSeconds(120));
    }

    /** Stops the service (an outage); {@link #start} brings it back on the same port. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    private void awaitReady(Duration limit) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new IllegalStateException(module + " exited during start-up; see " + log.toAbsolutePath());
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url() + "/actuator/health/readiness"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException ignored) {
                // not listening yet
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
        }
        stop();
        throw new IllegalStateException(module + " was not ready within " + limit + "; see " + log.toAbsolutePath());
    }

    /** {@code <repo>/<module>/target/<module>.jar}, looking upwards from the working directory. */
    private static Path findJar(String module) {
        for (File dir = new File("").getAbsoluteFile(); dir != null; dir = dir.getParentFile()) {
            Path jar = dir.toPath().resolve(module).resolve("target").resolve(module + ".jar");
            if (Files.isRegularFile(jar)) {
                return jar;
            }
        }
        throw new IllegalStateException("no " + module + "/target/" + module + ".jar: build it first "
                + "(mvn -B verify builds modules in order; alone: mvn -B -DskipTests package -pl " + module + ")");
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
