package com.glowglitch.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The published event contract: which topics exist, which event types each carries, the JSON
 * Schema of the envelope and of every type's data, and an example of each. Producers test
 * against it, consumers validate incoming data with it, downstream teams read it.
 */
public final class EventContracts {

    public record Example(String topic, String type, JsonNode data) {
    }

    private static final String ROOT = "/contracts/";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private final Map<String, List<String>> topics = new LinkedHashMap<>();
    private final Map<String, String> topicOfType = new LinkedHashMap<>();
    private final Map<String, Schema> schemas = new LinkedHashMap<>();
    private final Schema envelope;

    public EventContracts() {
        JsonNode t = read(ROOT + "topics.json");
        for (Map.Entry<String, JsonNode> e : t.properties()) {
            List<String> types = new ArrayList<>();
            e.getValue().get("types").forEach(n -> types.add(n.asString()));
            topics.put(e.getKey(), types);
            for (String type : types) {
                topicOfType.put(type, e.getKey());
                schemas.put(type, REGISTRY.getSchema(read(path(e.getKey(), type, "schema")).toString()));
            }
        }
        envelope = REGISTRY.getSchema(read(ROOT + "envelope.schema.json").toString());
    }

    public Map<String, List<String>> topics() {
        return topics;
    }

    public Optional<String> topicOf(String type) {
        return Optional.ofNullable(topicOfType.get(type));
    }

    public boolean knows(String type) {
        return schemas.containsKey(type);
    }

    /** @return human-readable violations of the type's schema; empty when valid */
    public List<String> validate(String type, JsonNode data) {
        Schema s = schemas.get(type);
        if (s == null) {
            return List.of("unknown event type " + type);
        }
        return messages(s.validate(data));
    }

    /** Validates the CloudEvents attributes of a record, given as header name → value. */
    public List<String> validateEnvelope(Map<String, String> headers) {
        return messages(envelope.validate(JSON.valueToTree(headers)));
    }

    public List<Example> examples() {
        List<Example> out = new ArrayList<>();
        topics.forEach((topic, types) -> types.forEach(type -> out.add(new Example(topic, type, read(path(topic, type, "example"))))));
        return out;
    }

    private static List<String> messages(List<Error> errors) {
        return errors.stream().map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList();
    }

    private static String path(String topic, String type, String kind) {
        return ROOT + "events/" + topic + "/" + type + "." + kind + ".json";
    }

    private static JsonNode read(String resource) {
        try (InputStream in = EventContracts.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("contract file missing: " + resource);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
