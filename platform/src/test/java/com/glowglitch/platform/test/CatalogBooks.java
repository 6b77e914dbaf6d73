package com.glowglitch.platform.test;

import java.time.Duration;
import java.util.List;

import org.bson.Document;

import com.mongodb.reactivestreams.client.MongoClient;

import reactor.core.publisher.Mono;

/**
 * The catalog's stock books for one SKU — {total, available, reserved, committed} — read straight
 * from catalog-service's database: what the tests of the catalog's callers (cart, order) check
 * after the real catalog process did its work.
 */
public final class CatalogBooks {

    private CatalogBooks() {
    }

    @SuppressWarnings("unchecked")
    public static long[] of(MongoClient client, String sku) {
        Document p = Mono.from(client.getDatabase("glowglitch_catalog-service").getCollection("products")
                .find(new Document("variants.sku", sku)).first()).block(Duration.ofSeconds(10));
        Document s = ((List<Document>) p.get("variants", List.class)).stream().filter(v -> sku.equals(v.getString("sku")))
                .findFirst().orElseThrow().get("stock", Document.class);
        return new long[] {((Number) s.get("total")).longValue(), ((Number) s.get("available")).longValue(),
                ((Number) s.get("reserved")).longValue(), ((Number) s.get("committed")).longValue()};
    }
}
