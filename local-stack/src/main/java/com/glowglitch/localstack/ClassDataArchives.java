package com.glowglitch.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Class-data sharing for the services the launcher starts (a faster cold start on few cores).
 * Each service runs from its jar extracted by Spring Boot's jar tools ({@code -Djarmode=tools
 * extract}, the layout AppCDS can map) under {@code local-stack/target/cds/<service>/}. A run
 * without an archive records one when the service exits ({@code -XX:ArchiveClassesAtExit}); every
 * later run maps it ({@code -XX:SharedArchiveFile}), so classes are loaded, parsed and verified
 * once instead of at every start. A rebuilt jar (other size or time) starts over; a stale or
 * unreadable archive is only ignored by the JVM ({@code -Xshare:auto}).
 */
final class ClassDataArchives {

    private final Path root;
    private final String java;

    ClassDataArchives(Path root, String java) {
        this.root = root;
        this.java = java;
    }

    /** {@code java <opts> <cds options> -jar <extracted jar>}, or the fat jar as it is when extraction fails. */
    List<String> command(String service, Path fatJar, List<String> javaOpts) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(javaOpts);
        Path dir = root.resolve("local-stack").resolve("target").resolve("cds").resolve(service);
        Path app = dir.resolve(service + ".jar");
        Path archive = dir.resolve("app.jsa");
        try {
            String stamp = Files.size(fatJar) + ":" + Files.getLastModifiedTime(fatJar).toMillis();
            Path stampFile = dir.resolve("jar.stamp");
            if (!Files.isRegularFile(app) || !Files.isRegularFile(stampFile) || !Files.readString(stampFile).equals(stamp)) {
                extract(fatJar, dir);
                Files.writeString(stampFile, stamp);
            }
        } catch (IOException | RuntimeException e) {
            cmd.add("-jar");
            cmd.add(fatJar.toString());
            return cmd;
        }
        cmd.add("-Xshare:auto");
        cmd.add("-Xlog:cds*=off"); // the archive's per-class skip notes are noise in a service's log
        cmd.add(Files.isRegularFile(archive) ? "-XX:SharedArchiveFile=" + archive : "-XX:ArchiveClassesAtExit=" + archive);
        cmd.add("-jar");
        cmd.add(app.toString());
        return cmd;
    }

    private void extract(Path fatJar, Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(dir.getParent());
        Process p = new ProcessBuilder(java, "-Djarmode=tools", "-jar", fatJar.toString(), "extract", "--destination", dir.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException("extracting " + fatJar + " failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted", e));
        }
    }
}
