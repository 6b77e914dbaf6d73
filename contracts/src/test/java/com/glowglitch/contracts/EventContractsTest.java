package com.glowglitch.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class EventContractsTest {

    final EventContracts contracts = new EventContracts();
    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void everyExampleSatisfiesItsOwnSchema() {
        assertThat(contracts.examples()).isNotEmpty().allSatisfy(ex ->
                assertThat(contracts.validate(ex.type(), ex.data())).as(ex.type()).isEmpty());
    }

    @Test
    void everyTypeListedForATopicHasASchemaAndAnExample() {
        contracts.topics().forEach((topic, types) -> types.forEach(type -> {
            assertThat(contracts.knows(type)).as(type).isTrue();
            assertThat(contracts.topicOf(type)).contains(topic);
        }));
        assertThat(contracts.examples()).hasSize(contracts.topics().values().stream().mapToInt(java.util.List::size).sum());
    }

    @Test
    void schemasRejectWhatConsumersCannotHandle() {
        ObjectNode data = (ObjectNode) contracts.examples().stream().filter(e -> e.type().equals("ProductCreated"))
                .findFirst().orElseThrow().data().deepCopy();
        data.putObject("price").put("amountMinor", 12.5).put("currency", "usd");
        data.put("category", "tiaras");
        assertThat(contracts.validate("ProductCreated", data)).hasSizeGreaterThanOrEqualTo(3);
        assertThat(contracts.validate("ProductCreated", json.createObjectNode())).isNotEmpty();
    }

    @Test
    void theEnvelopeNeedsEveryCloudEventsAttribute() {
        Map<String, String> ok = Map.of("ce_specversion", "1.0", "ce_id", "0b9c2d1e-6a51-4f7e-9d0a-3c2b1a0f9e8d",
                "ce_type", "ProductCreated", "ce_source", "/catalog-service", "ce_time", "2026-11-25T10:00:00Z",
                "ce_subject", "p1", "content-type", "application/json");
        assertThat(contracts.validateEnvelope(ok)).isEmpty();
        assertThat(contracts.validateEnvelope(Map.of("ce_id", "x"))).isNotEmpty();
    }
}
