package com.glowglitch.platform.migration;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A tiny versioned migration runner. Migrations are JSON files under
 * {@code classpath:db/migrations/}, named {@code V<nnn>__<what>.json}, each holding
 * {@code {"description": "...", "commands": [ <MongoDB database commands> ]}} — typically
 * {@code createIndexes} and {@code update} commands. They run once, in name order; the
 * {@code migrations} collection records id, checksum (SHA-256 of the file) and applied-at.
 * An applied migration whose file changed stops start-up: history is never rewritten silently,
 * a fix is a new migration.
 */
public class MigrationRunner {

    private static final Logger log = LoggerFactory.getLogger(MigrationRunner.class);
    public static final String COLLECTION = "migrations";

    public record Migration(String id, String description, String checksum, List<Document> commands) {
    }

    public record Result(List<String> applied, List<String> alreadyApplied) {
    }

    private final ReactiveMongoTemplate mongo;
    private final String location;
    private final Clock clock;

    public MigrationRunner(ReactiveMongoTemplate mongo, String location, Clock clock) {
        this.mongo = mongo;
        this.location = location;
        this.clock = clock;
    }

    /** Verifies the applied history, then applies what is pending, in order. */
    public Mono<Result> migrate() {
        List<Migration> migrations = load();
        return mongo.findAll(Document.class, COLLECTION)
                .collectMap(d -> d.getString("_id"), Function.identity())
                .flatMap(applied -> {
                    verify(migrations, applied);
                    List<String> already = migrations.stream().map(Migration::id).filter(applied::containsKey).toList();
                    List<Migration> pending = migrations.stream().filter(m -> !applied.containsKey(m.id())).toList();
                    return Flux.fromIterable(pending)
                            .concatMap(m -> apply(m).thenReturn(m.id()))
                            .collectList()
                            .map(done -> new Result(done, already));
                });
    }

    private void verify(List<Migration> migrations, Map<String, Document> applied) {
        Map<String, Migration> byId = migrations.stream().collect(Collectors.toMap(Migration::id, Function.identity()));
        for (Document a : applied.values()) {
            String id = a.getString("_id");
            Migration m = byId.get(id);
            if (m == null) {
                log.warn("migration {} is recorded as applied but its file is gone", id);
                continue;
            }
            if (!m.checksum().equals(a.getString("checksum"))) {
                throw new MigrationChecksumException("Migration " + id + " was changed after it was applied "
                        + "(recorded checksum " + a.getString("checksum") + ", file now " + m.checksum()
                        + "). Restore the original file and put the change in a new migration.");
            }
        }
    }

    private Mono<Void> apply(Migration m) {
        log.info("applying migration {}: {}", m.id(), m.description());
        return Flux.fromIterable(m.commands())
                .concatMap(c -> mongo.executeCommand(c))
                .then(mongo.insert(new Document("_id", m.id())
                        .append("description", m.description())
                        .append("checksum", m.checksum())
                        .append("appliedAt", java.util.Date.from(clock.instant())), COLLECTION))
                .then();
    }

    List<Migration> load() {
        try {
            Resource[] files = new PathMatchingResourcePatternResolver().getResources(location + "/*.json");
            List<Migration> out = new ArrayList<>();
            for (Resource r : files) {
                out.add(parse(r));
            }
            out.sort(Comparator.comparing(Migration::id));
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read migrations from " + location, e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Migration parse(Resource r) throws IOException {
        String name = r.getFilename();
        if (name == null || !name.matches("V\\d+__[A-Za-z0-9_\\-]+\\.json")) {
            throw new IllegalStateException("migration file name must look like V001__what.json: " + name);
        }
        byte[] bytes;
        try (InputStream in = r.getInputStream()) {
            bytes = in.readAllBytes();
        }
        Document doc = Document.parse(new String(bytes, StandardCharsets.UTF_8));
        List<Document> commands = (List<Document>) doc.get("commands", List.class);
        if (commands == null || commands.isEmpty()) {
            throw new IllegalStateException("migration " + name + " has no commands");
        }
        return new Migration(name.substring(0, name.length() - 5), doc.getString("description"), sha256(bytes), commands);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
