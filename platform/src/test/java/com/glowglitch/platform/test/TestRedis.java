package com.glowglitch.platform.test;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

import org.junit.jupiter.api.Assumptions;

/**
 * A real redis-server (Debian's package, which .ci/run installs) on a free loopback port, for tests
 * of features that share state through Redis when {@code REDIS_URL} is set. Skips the test where
 * the binary is missing, except in CI, where that is a failure.
 */
public final class TestRedis implements AutoCloseable {

    private final Process process;
    private final String url;

    private TestRedis(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    public static TestRedis start() throws IOException, InterruptedException {
        boolean installed = new File("/usr/bin/redis-server").canExecute();
        if (!installed && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("redis-server is missing: .ci/run should have installed it");
        }
        Assumptions.assumeTrue(installed, "redis-server not installed (apt-get install redis-server)");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process p = new ProcessBuilder("/usr/bin/redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                break;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    p.destroy();
                    throw e;
                }
                Thread.sleep(100);
            }
        }
        return new TestRedis(p, "redis://127.0.0.1:" + port);
    }

    public String url() {
        return url;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
