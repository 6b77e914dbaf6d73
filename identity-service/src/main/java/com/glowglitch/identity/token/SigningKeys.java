package com.glowglitch.identity.token;

import java.text.ParseException;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import com.glowglitch.platform.crypto.FieldEncryptor;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

import reactor.core.publisher.Mono;

/**
 * The RSA keys tokens are signed with, kept in {@code signing_keys} with the private part
 * encrypted by the platform's field encryption. The first instance to start generates one; every
 * instance then uses the newest active key. Published keys (JWKS) include every active key, so
 * a later rotation keeps older tokens valid until they expire.
 */
@Component
public class SigningKeys {

    static final String COLLECTION = "signing_keys";

    private final ReactiveMongoTemplate mongo;
    private final FieldEncryptor encryptor;
    private final Clock clock;
    private final java.util.concurrent.atomic.AtomicReference<Mono<List<RSAKey>>> keys = new java.util.concurrent.atomic.AtomicReference<>();

    public SigningKeys(ReactiveMongoTemplate mongo, FieldEncryptor encryptor, Clock clock) {
        this.mongo = mongo;
        this.encryptor = encryptor;
        this.clock = clock;
        reload();
    }

    /** Re-reads the keys (other instances pick a rotation up within five minutes). */
    private void reload() {
        keys.set(loadOrCreate().cache(k -> java.time.Duration.ofMinutes(5), e -> java.time.Duration.ZERO,
                () -> java.time.Duration.ZERO));
    }

    /**
     * Rotation: a new key signs from now on; the previous one stays published so the tokens it
     * signed remain valid until they expire; anything older is retired from the JWKS.
     */
    public Mono<String> rotate() {
        Query active = Query.query(Criteria.where("status").is("active")).with(Sort.by(Sort.Direction.DESC, "createdAt"));
        return mongo.find(active, Document.class, COLLECTION).map(d -> d.getString("_id")).collectList()
                .flatMap(ids -> {
                    List<String> retire = ids.size() > 1 ? ids.subList(1, ids.size()) : List.of();
                    Mono<?> retired = retire.isEmpty() ? Mono.empty()
                            : mongo.updateMulti(Query.query(Criteria.where("_id").in(retire)),
                                    new org.springframework.data.mongodb.core.query.Update().set("status", "retired")
                                            .set("retiredAt", Date.from(clock.instant())), COLLECTION);
                    return retired.then(create());
                })
                .then(Mono.fromRunnable(this::reload))
                .then(Mono.defer(() -> current().map(RSAKey::getKeyID)));
    }

    /** The key new tokens are signed with. */
    public Mono<RSAKey> current() {
        return keys.get().map(list -> list.get(0));
    }

    public Mono<JWKSet> publicKeys() {
        return keys.get().map(list -> new JWKSet(list.stream().map(k -> (JWK) k.toPublicJWK()).toList()));
    }

    private Mono<List<RSAKey>> loadOrCreate() {
        Query active = Query.query(Criteria.where("status").is("active")).with(Sort.by(Sort.Direction.DESC, "createdAt"));
        return mongo.find(active, Document.class, COLLECTION).map(this::decode).collectList()
                .flatMap(list -> list.isEmpty() ? create().then(Mono.defer(() ->
                        mongo.find(active, Document.class, COLLECTION).map(this::decode).collectList())) : Mono.just(list));
    }

    private Mono<Void> create() {
        return Mono.fromCallable(() -> new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE)
                        .keyID("gg-" + UUID.randomUUID().toString().substring(0, 8)).generate())
                .flatMap(key -> mongo.insert(new Document("_id", key.getKeyID())
                                .append("status", "active")
                                .append("createdAt", Date.from(clock.instant()))
                                .append("jwk", encryptor.encrypt(key.toJSONString())), COLLECTION)
                        .onErrorResume(DuplicateKeyException.class, e -> Mono.empty()))
                .then();
    }

    private RSAKey decode(Document d) {
        try {
            return RSAKey.parse(encryptor.decrypt(d.getString("jwk")));
        } catch (ParseException e) {
            throw new IllegalStateException("signing key " + d.getString("_id") + " is unreadable", e);
        }
    }

}
