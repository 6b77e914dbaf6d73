package com.glowglitch.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar local-stack/target/local-stack-exec.jar [--only=catalog,compliance] [--wipe] [--in-memory] [--no-seed] [--quiet]}
 * — starts the whole suite and stays in the foreground; Ctrl-C (or SIGTERM) stops every child
 * and the broker.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        Set<String> only = new LinkedHashSet<>();
        boolean wipe = false;
        boolean inMemory = false;
        boolean seed = true;
        boolean quiet = false;
        Path root = Path.of("").toAbsolutePath();
        for (String a : args) {
            if (a.startsWith("--only=")) {
                only.addAll(Arrays.asList(a.substring(7).split(",")));
            } else if (a.equals("--wipe")) {
                wipe = true;
            } else if (a.equals("--in-memory")) {
                inMemory = true;
            } else if (a.equals("--no-seed")) {
                seed = false;
            } else if (a.equals("--quiet")) {
                quiet = true;
            } else if (a.startsWith("--root=")) {
                root = Path.of(a.substring(7)).toAbsolutePath();
            } else {
                System.err.println("unknown option " + a + "\nusage: [--only=svc,svc] [--wipe] [--in-memory] [--no-seed] [--quiet] [--root=DIR]");
                System.exit(2);
            }
        }
        LocalStack.Options d = LocalStack.Options.defaults(root);
        LocalStack stack = new LocalStack(new LocalStack.Options(root, root.resolve("data"), inMemory, wipe, only,
                d.kafkaPort(), d.mongoPort(), Duration.ofSeconds(240), d.javaOpts(), !quiet), System.out);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            stopped.countDown();
        }, "local-stack-shutdown"));
        // Stop children and the broker before the JVM's own shutdown hooks run (the broker's
        // temporary log directories are deleted by one of those), then exit.
        for (String signal : List.of("INT", "TERM")) {
            sun.misc.Signal.handle(new sun.misc.Signal(signal), s -> {
                System.out.println("\nlocal-stack | " + signal + " received: stopping every service and the broker");
                stack.close();
                System.exit(0);
            });
        }

        long t0 = System.nanoTime();
        List<LocalStack.Running> up;
        try {
            up = stack.start();
        } catch (RuntimeException e) {
            System.err.println("\nlocal-stack | start failed: " + e.getMessage());
            System.exit(1);
            return;
        }
        double total = (System.nanoTime() - t0) / 1e9;
        StringBuilder table = new StringBuilder("\n");
        table.append(String.format("  %-22s %-6s %-8s %-7s %s%n", "service", "port", "pid", "status", "healthy after"));
        for (LocalStack.Running r : up) {
            table.append(String.format("  %-22s %-6d %-8d %-7s %.1f s%n", r.spec().name(), r.spec().port(), r.pid(), r.status(), r.startSeconds()));
        }
        table.append(String.format("  %-22s %-6d %-8d %-7s%n", "kafka (in launcher)", d.kafkaPort(), ProcessHandle.current().pid(), "UP"));
        table.append(String.format("  %-22s %-6d %-8d %-7s%n", "mongodb (in launcher)", d.mongoPort(), ProcessHandle.current().pid(), "UP"));
        table.append(String.format("%n  all healthy in %.1f s — gateway: http://localhost:8080  (Swagger UI: /swagger-ui.html)%n", total));
        System.out.println(table);

        if (seed) {
            String email = envOr("ADMIN_EMAIL", "admin@glowglitch.local");
            String password = envOr("ADMIN_PASSWORD", "LocalDev-Admin-Pass-1!");
            try {
                String token = stack.adminToken(email, password);
                var r = stack.send("POST", "/api/db/seed", token, null);
                System.out.println("local-stack | seeded sample data: HTTP " + r.statusCode());
                System.out.println("local-stack | admin login: " + email + " (local-development password, see README)");
            } catch (RuntimeException e) {
                System.out.println("local-stack | seeding failed: " + e.getMessage());
            }
        }
        System.out.println("local-stack | press Ctrl-C to stop everything");
        stopped.await();
    }

    private static String envOr(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
