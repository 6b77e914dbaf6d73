package com.glowglitch.customization.design;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import com.glowglitch.customization.catalog.CatalogClient;
import com.glowglitch.customization.config.CustomizationProperties;
import com.glowglitch.customization.events.CustomizationEvents;
import com.glowglitch.platform.crypto.FieldEncryptor;
import com.glowglitch.platform.events.EventFactory;
import com.glowglitch.platform.events.OutboxEntry;
import com.glowglitch.platform.outbox.Outbox;
import com.glowglitch.platform.web.ApiException;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A shopper's designs. Options are checked and priced by the catalog before anything is written;
 * every save appends a version (guarded by the version it was made from, so two tabs saving at
 * once give one 409, never a lost edit) and its event goes out through the outbox in the same write.
 * Someone else's design is a 404 (an admin may read any, to help a shopper).
 */
@Service
public class CustomizationService {

    private final CustomizationStore store;
    private final CatalogClient catalog;
    private final FieldEncryptor crypto;
    private final EventFactory events;
    private final Outbox outbox;
    private final ReactiveMongoTemplate mongo;
    private final CustomizationProperties props;
    private final Clock clock;

    public CustomizationService(CustomizationStore store, CatalogClient catalog, FieldEncryptor crypto, EventFactory events,
                                Outbox outbox, ReactiveMongoTemplate mongo, CustomizationProperties props, Clock clock) {
        this.store = store;
        this.catalog = catalog;
        this.crypto = crypto;
        this.events = events;
        this.outbox = outbox;
        this.mongo = mongo;
        this.props = props;
        this.clock = clock;
    }

    /** What a save carries; {@code options} and {@code design} are the whole new state, never a patch. */
    public record Draft(Customization.Options options, Map<String, String> design, String note) {
    }

    public Mono<Customization> create(Shopper who, String productId, String name, Draft draft) {
        return store.countOwnedBy(who.id()).flatMap(n -> n >= props.getMaxPerOwner()
                ? Mono.error(ApiException.unprocessable("customization-limit",
                        "you can keep at most " + props.getMaxPerOwner() + " designs; delete one first"))
                : catalog.quote(productId, draft.options(), who.token())).flatMap(q -> {
                    Instant now = clock.instant();
                    String id = UUID.randomUUID().toString();
                    Customization.Version v1 = sealed(1, draft, q.total(), now);
                    Customization c = new Customization(id, who.id(), who.guest(), q.productId(), q.name(),
                            name != null ? name.strip() : "My " + q.name(), 1, List.of(v1), false, now, now);
                    Document doc = new Document();
                    mongo.getConverter().write(c, doc);
                    doc.append(Outbox.FIELD, Outbox.field(saved(c, v1)));
                    return outbox.afterWrite(store.insert(doc), CustomizationStore.COLLECTION, id).thenReturn(c);
                });
    }

    /** Appends version {@code expected + 1}; 409 when the design moved past {@code expected} meanwhile. */
    public Mono<Customization> save(Shopper who, String id, int expected, String name, Draft draft) {
        return mine(who, id).flatMap(c -> {
            if (c.current() != expected) {
                return Mono.error(stale(expected, c.current()));
            }
            if (c.productArchived()) {
                return Mono.error(ApiException.unprocessable("not-for-sale", "this product is no longer for sale; the design is kept read-only"));
            }
            if (c.current() >= props.getMaxVersions()) {
                return Mono.error(ApiException.unprocessable("version-limit", "a design keeps at most " + props.getMaxVersions()
                        + " versions; start a new design from this one"));
            }
            return catalog.quote(c.productId(), draft.options(), who.token()).flatMap(q -> {
                Instant now = clock.instant();
                Customization.Version v = sealed(expected + 1, draft, q.total(), now);
                Document vd = new Document();
                mongo.getConverter().write(v, vd);
                Update u = new Update().push("versions", vd).set("current", v.number()).set("updatedAt", now)
                        .set("productName", q.name());
                if (name != null) {
                    u.set("name", name.strip());
                }
                Outbox.push(u, saved(c, v)); // the event reads only what a save does not change: id, product, owner
                return outbox.afterWrite(store.writeOver(id, expected, u), CustomizationStore.COLLECTION, id)
                        .switchIfEmpty(Mono.error(() -> stale(expected, expected + 1)));
            });
        });
    }

    /** Deletes every version: a tombstone keeps the deletion event until it is published, then goes too. */
    public Mono<Void> delete(Shopper who, String id) {
        return mine(who, id).flatMap(c -> {
            Instant now = clock.instant();
            Update u = new Update().set("deletedAt", now).set("versions", List.of()).unset("name");
            Outbox.push(u, events.create(CustomizationEvents.TOPIC, CustomizationEvents.CustomizationDeleted.TYPE, c.id(),
                    new CustomizationEvents.CustomizationDeleted(c.id(), c.productId(), c.guest() ? null : c.owner(), c.guest(),
                            c.current(), now)));
            return outbox.afterWrite(store.writeOver(id, c.current(), u), CustomizationStore.COLLECTION, id)
                    .switchIfEmpty(Mono.error(() -> ApiException.conflict("customization-changed",
                            "the design was saved at the same time; reload it and delete again")));
        }).then();
    }

    /** After sign-in: the guest's designs become the shopper's; the number moved. */
    public Mono<Long> claim(Shopper who, Shopper guest) {
        if (who.guest()) {
            return Mono.error(ApiException.unprocessable("sign-in-required", "sign in to keep a guest's designs"));
        }
        return store.reassign(guest.id(), who.id());
    }

    /** The caller's own design (or any, for an admin); 404 otherwise. */
    public Mono<Customization> readable(Shopper who, String id) {
        return store.byId(id).filter(c -> c.owner().equals(who.id()) || who.admin())
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("customization " + id)));
    }

    public Flux<Customization> list(Shopper who, String productId, int limit) {
        return store.ownedBy(who.id(), productId, limit);
    }

    private Mono<Customization> mine(Shopper who, String id) {
        return store.byId(id).filter(c -> c.owner().equals(who.id()))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("customization " + id)));
    }

    /** The engraving of a stored version, readable again. */
    public Customization.Options open(Customization.Options o) {
        return o == null || o.engraving() == null ? o : o.withEngraving(crypto.decrypt(o.engraving()));
    }

    private Customization.Version sealed(int number, Draft d, com.glowglitch.platform.money.Money price, Instant now) {
        Customization.Options o = d.options();
        Customization.Options stored = o.engraving() == null ? o : o.withEngraving(crypto.encrypt(o.engraving()));
        return new Customization.Version(number, stored, d.design() == null ? Map.of() : d.design(), price, d.note(), now);
    }

    private OutboxEntry saved(Customization c, Customization.Version v) {
        Customization.Options o = v.options();
        return events.create(CustomizationEvents.TOPIC, CustomizationEvents.CustomizationSaved.TYPE, c.id(),
                new CustomizationEvents.CustomizationSaved(c.id(), c.productId(), c.guest() ? null : c.owner(), c.guest(),
                        v.number(), new CustomizationEvents.Chosen(o.material(), o.gemstone(), o.size(), o.engraving() != null),
                        v.design().size(), v.price(), v.savedAt()));
    }

    private static ApiException stale(int expected, int current) {
        return ApiException.conflict("stale-version", "the design is at version " + current + ", not " + expected
                + "; reload it and save again");
    }
}
