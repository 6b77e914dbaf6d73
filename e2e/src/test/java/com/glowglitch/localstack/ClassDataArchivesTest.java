package com.glowglitch.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's class-data archives: extract once per jar, record on the first run, map afterwards, start over on a new jar. */
class ClassDataArchivesTest {

    static final String JAVA = ProcessHandle.current().info().command().orElse("java");
    static final List<String> OPTS = List.of("-Xmx64m");

    @Test
    void recordsFirstMapsAfterAndStartsOverWhenTheJarChanges(@TempDir Path root) throws Exception {
        Path built = Path.of("").toAbsolutePath().getParent().resolve("creator-service/target/creator-service.jar");
        Path fat = Files.copy(built, root.resolve("creator-service.jar"));
        ClassDataArchives cds = new ClassDataArchives(root, JAVA);
        Path dir = root.resolve("local-stack/target/cds/creator-service");

        List<String> first = cds.command("creator-service", fat, OPTS);
        assertThat(first).startsWith(JAVA, "-Xmx64m").contains("-XX:ArchiveClassesAtExit=" + dir.resolve("app.jsa"))
                .endsWith("-jar", dir.resolve("creator-service.jar").toString());
        assertThat(dir.resolve("lib")).isDirectory();

        // the service exited and wrote its archive: the next start maps it, from the same extraction
        Files.writeString(dir.resolve("app.jsa"), "archive");
        FileTime extracted = Files.getLastModifiedTime(dir.resolve("creator-service.jar"));
        assertThat(cds.command("creator-service", fat, OPTS)).contains("-XX:SharedArchiveFile=" + dir.resolve("app.jsa"))
                .doesNotContain("-XX:ArchiveClassesAtExit=" + dir.resolve("app.jsa"));
        assertThat(Files.getLastModifiedTime(dir.resolve("creator-service.jar"))).isEqualTo(extracted);

        // a rebuilt jar: extracted again, the old archive dropped, recorded anew
        Files.setLastModifiedTime(fat, FileTime.fromMillis(Files.getLastModifiedTime(fat).toMillis() + 60_000));
        assertThat(cds.command("creator-service", fat, OPTS)).contains("-XX:ArchiveClassesAtExit=" + dir.resolve("app.jsa"));
        assertThat(dir.resolve("app.jsa")).doesNotExist();
    }

    @Test
    void aJarThatCannotBeExtractedRunsAsItIs(@TempDir Path root) throws Exception {
        Path notBoot = Files.writeString(root.resolve("odd.jar"), "not a jar");
        assertThat(new ClassDataArchives(root, JAVA).command("odd", notBoot, OPTS))
                .containsExactly(JAVA, "-Xmx64m", "-jar", notBoot.toString());
    }
}
