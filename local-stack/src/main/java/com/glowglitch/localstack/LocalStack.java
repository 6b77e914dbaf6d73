package com.glowglitch.localstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * The whole suite on one machine, no Docker: a real Kafka broker (KRaft, in this process), the
 * MongoDB-wire store (mongo-java-server, H2 file under ./data or in memory, in this process),
 * then every service as its own JVM. Used by the launcher ({@link Main}) and by the e2e tests.
 */
public final class LocalStack implements AutoCloseable {

    public record Options(Path root, Path dataDir, boolean inMemory, boolean wipe, Set<String> only,
                          int kafkaPort, int mongoPort, Duration startTimeout, List<String> javaOpts, boolean echoLogs) {

        public static Options defaults(Path root) {
            return new Options(root, root.resolve("data"), false, false, Set.of(), 9092, 27017, Duration.ofSeconds(240),
                    List.of("-Xms48m", "-Xmx192m", "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                            "-XX:ReservedCodeCacheSize=48m", "-XX:MaxMetaspaceSize=192m"), true);
        }
    }

    /** What we know about one started service. */
    public record Running(ServiceSpec spec, long pid, String status, double startSeconds) {
    }

    private final Options options;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final Map<String, Deque<String>> recentLogs = new LinkedHashMap<>();
    private final Map<String, Running> running = new LinkedHashMap<>();
    private EmbeddedKafkaKraftBroker kafka;
    private MongoServer mongo;
    private MongoBackend backend;
    private volatile boolean closed;
    /** Services that write their class-data archive when they exit (no archive yet). */
    private final Set<String> recording = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public LocalStack(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public List<ServiceSpec> selected() {
        if (options.only().isEmpty()) {
            return ServiceSpec.ALL;
        }
        return ServiceSpec.ALL.stream().filter(s -> options.only().contains(s.name()) || options.only().contains(s.prefix())
                || s.name().equals("gateway") || s.name().equals("identity-service")).toList();
    }

    /** Starts infrastructure, then every selected service; returns once all are healthy. */
    public List<Running> start() {
        long t0 = System.nanoTime();
        checkJars();
        checkPortsFree();
        startMongo();
        startKafka();
        List<CompletableFuture<Running>> starts = new ArrayList<>();
        for (ServiceSpec s : selected()) {
            starts.add(startService(s, t0));
        }
        List<Running> result = new ArrayList<>();
        for (CompletableFuture<Running> f : starts) {
            result.add(f.join());
        }
        return result;
    }

    private void checkJars() {
        for (ServiceSpec s : selected()) {
            if (!Files.isRegularFile(jar(s))) {
                throw new IllegalStateException("missing " + jar(s) + " — build first: mvn -B -DskipTests package");
            }
        }
    }

    private Path jar(ServiceSpec s) {
        return options.root().resolve(s.name()).resolve("target").resolve(s.name() + ".jar");
    }

    private void checkPortsFree() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("Kafka", options.kafkaPort());
        ports.put("MongoDB", options.mongoPort());
        selected().forEach(s -> ports.put(s.name(), s.port()));
        List<String> taken = new ArrayList<>();
        ports.forEach((what, port) -> {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress("127.0.0.1", port));
            } catch (IOException e) {
                taken.add(port + " (" + what + ")");
            }
        });
        if (!taken.isEmpty()) {
            throw new IllegalStateException("port(s) already in use: " + String.join(", ", taken)
                    + ". Is another local stack running? Stop it (Ctrl-C in its terminal) or free the port(s).");
        }
    }

    private void startMongo() {
        if (options.inMemory()) {
            backend = new MemoryBackend();
            say("MongoDB-wire store: in memory on 127.0.0.1:" + options.mongoPort());
        } else {
            try {
                if (options.wipe()) {
                    wipe(options.dataDir());
                }
                Files.createDirectories(options.dataDir());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Path file = options.dataDir().resolve("mongo.mv");
            backend = new H2Backend(file.toString());
            say("MongoDB-wire store: " + file + " on 127.0.0.1:" + options.mongoPort());
        }
        mongo = new MongoServer(backend);
        mongo.bind("127.0.0.1", options.mongoPort());
    }

    private void startKafka() {
        kafka = new EmbeddedKafkaKraftBroker(1, 3);
        kafka.brokerProperty("listeners", "EXTERNAL://localhost:0,CONTROLLER://localhost:0,LOCAL://127.0.0.1:" + options.kafkaPort());
        kafka.brokerProperty("listener.security.protocol.map", "EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT,LOCAL:PLAINTEXT");
        kafka.brokerProperty("auto.create.topics.enable", "true");
        kafka.brokerProperty("num.partitions", "3");
        kafka.brokerProperty("group.initial.rebalance.delay.ms", "0");
        kafka.afterPropertiesSet();
        say("Kafka broker (KRaft): 127.0.0.1:" + options.kafkaPort());
    }

    private CompletableFuture<Running> startService(ServiceSpec s, long t0) {
        String java = ProcessHandle.current().info().command().orElse("java");
        String extra = System.getenv("GLOWGLITCH_SERVICE_JAVA_OPTS");
        List<String> opts = extra != null && !extra.isBlank() ? List.of(extra.trim().split("\\s+")) : options.javaOpts();
        List<String> cmd = new ArrayList<>();
        if ("false".equalsIgnoreCase(System.getenv("GLOWGLITCH_CDS"))) {
            cmd.add(java);
            cmd.addAll(opts);
            cmd.add("-jar");
            cmd.add(jar(s).toString());
        } else {
            cmd.addAll(new ClassDataArchives(options.root(), java).command(s.name(), jar(s), opts));
            if (cmd.stream().anyMatch(a -> a.startsWith("-XX:ArchiveClassesAtExit="))) {
                recording.add(s.name());
            }
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("PORT", String.valueOf(s.port()));
        env.putIfAbsent("MONGODB_URI", "mongodb://127.0.0.1:" + options.mongoPort());
        env.putIfAbsent("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + options.kafkaPort());
        env.putIfAbsent("IDENTITY_JWKS_URI", "http://127.0.0.1:8081/.well-known/jwks.json");
        env.putIfAbsent("LOGGING_LEVEL_ORG_APACHE_KAFKA", "WARN");
        env.putIfAbsent("LOGGING_LEVEL_ORG_SPRINGFRAMEWORK_KAFKA", "WARN");
        env.putIfAbsent("LOGGING_LEVEL_ORG_SPRINGFRAMEWORK_CLOUD_STREAM", "WARN");
        env.putIfAbsent("LOGGING_LEVEL_ORG_MONGODB_DRIVER", "WARN");
        env.put("GLOWGLITCH_PARENT_PID", String.valueOf(ProcessHandle.current().pid()));
        // topics the binder creates get the broker's 3 partitions (its default would be 1), so the
        // consumers' 3 threads each take one: events of different aggregates are handled side by side
        env.putIfAbsent("SPRING_CLOUD_STREAM_KAFKA_BINDER_MINPARTITIONCOUNT", "3");
        for (ServiceSpec other : ServiceSpec.ALL) {
            String key = other.prefix().toUpperCase().replace("CUSTOMIZE", "CUSTOMIZATION") + "_URL";
            env.putIfAbsent(key, other.url());
        }
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + s.name(), e);
        }
        synchronized (processes) {
            processes.put(s.name(), p);
            recentLogs.put(s.name(), new ArrayDeque<>());
        }
        pump(s, p);
        p.onExit().thenAccept(dead -> {
            boolean expected;
            synchronized (processes) {
                expected = closed || processes.get(s.name()) != dead;
            }
            if (!expected) {
                say(s.name() + " (pid " + dead.pid() + ") exited with code " + dead.exitValue()
                        + "; its routes answer 503 until it is back");
            }
        });
        return CompletableFuture.supplyAsync(() -> awaitHealthy(s, p, t0));
    }

    private void pump(ServiceSpec s, Process p) {
        Thread t = new Thread(() -> {
            String prefix = String.format("%-10s | ", s.prefix());
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    Deque<String> recent = recentLogs.get(s.name());
                    synchronized (recent) {
                        if (recent.size() == 40) {
                            recent.removeFirst();
                        }
                        recent.addLast(line);
                    }
                    if (options.echoLogs()) {
                        out.println(prefix + line);
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "log-" + s.prefix());
        t.setDaemon(true);
        t.start();
    }

    private Running awaitHealthy(ServiceSpec s, Process p, long t0) {
        long deadline = System.nanoTime() + options.startTimeout().toNanos();
        while (System.nanoTime() < deadline && !closed) {
            if (!p.isAlive()) {
                Running r = new Running(s, p.pid(), "EXITED(" + p.exitValue() + ")", seconds(t0));
                running.put(s.name(), r);
                throw new IllegalStateException(s.name() + " exited during start-up (code " + p.exitValue() + "). Last lines:\n"
                        + String.join("\n", lastLines(s.name())));
            }
            if (healthy(s)) {
                Running r = new Running(s, p.pid(), "UP", seconds(t0));
                running.put(s.name(), r);
                return r;
            }
            sleep(500);
        }
        running.put(s.name(), new Running(s, p.pid(), "TIMEOUT", seconds(t0)));
        throw new IllegalStateException(s.name() + " was not healthy within " + options.startTimeout().toSeconds()
                + " s. Last lines:\n" + String.join("\n", lastLines(s.name())));
    }

    public boolean healthy(ServiceSpec s) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(s.url() + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public List<String> lastLines(String service) {
        Deque<String> d = recentLogs.get(service);
        if (d == null) {
            return List.of();
        }
        synchronized (d) {
            return new ArrayList<>(d);
        }
    }

    public Map<String, Running> running() {
        return running;
    }

    public Map<String, Long> pids() {
        Map<String, Long> out = new LinkedHashMap<>();
        synchronized (processes) {
            processes.forEach((name, p) -> out.put(name, p.pid()));
        }
        return out;
    }

    /** Stops one service as an operator would (SIGTERM, then SIGKILL after 15 s). */
    public void stopService(String name) {
        Process p;
        synchronized (processes) {
            p = processes.remove(name);
        }
        if (p != null) {
            terminate(name, p);
        }
    }

    private void terminate(String name, Process p) {
        if (!p.isAlive()) {
            return;
        }
        p.destroy();
        // a service recording its class-data archive writes it on the way out: give it the time (first run only)
        int grace = recording.contains(name) ? 120 : 15;
        try {
            if (!p.waitFor(grace, TimeUnit.SECONDS)) {
                say(name + " did not stop in " + grace + " s; killing it");
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<Map.Entry<String, Process>> all;
        synchronized (processes) {
            all = new ArrayList<>(processes.entrySet());
            processes.clear();
        }
        // stop in parallel, gateway first so no new traffic arrives
        all.sort(Comparator.comparing(e -> e.getKey().equals("gateway") ? 0 : 1));
        all.forEach(e -> e.getValue().destroy());
        if (!recording.isEmpty()) {
            say("writing class-data archives of " + String.join(", ", recording) + " (first run only; later starts are faster)");
        }
        all.parallelStream().forEach(e -> terminate(e.getKey(), e.getValue()));
        if (kafka != null) {
            try {
                kafka.destroy();
            } catch (RuntimeException e) {
                say("broker shutdown: " + e.getMessage());
            }
        }
        if (mongo != null) {
            mongo.shutdownNow();
        }
        if (backend instanceof H2Backend h2) {
            h2.close();
        }
        say("local stack stopped");
    }

    private void say(String s) {
        out.println("local-stack | " + s);
    }

    private static double seconds(long t0) {
        return Math.round((System.nanoTime() - t0) / 1e8) / 10.0;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void wipe(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Logs in as the admin through the gateway and returns the access token. */
    public String adminToken(String email, String password) {
        String body = "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}";
        HttpResponse<String> r = send("POST", "/api/auth/login", null, body);
        if (r.statusCode() != 200) {
            throw new IllegalStateException("admin login failed: HTTP " + r.statusCode() + " " + r.body());
        }
        Matcher m = Pattern.compile("\"accessToken\"\\s*:\\s*\"([^\"]+)\"").matcher(r.body());
        if (!m.find()) {
            throw new IllegalStateException("no accessToken in " + r.body());
        }
        return m.group(1);
    }

    /** A call through the gateway. */
    public HttpResponse<String> send(String method, String path, String token, String json) {
        return send(method, path, token, json, Map.of());
    }

    /** A request through the gateway with extra headers (an Idempotency-Key, say). */
    public HttpResponse<String> send(String method, String path, String token, String json, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:8080" + path)).timeout(Duration.ofSeconds(120));
        headers.forEach(b::header);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (json != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
