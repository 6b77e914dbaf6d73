package com.glowglitch.platform.test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.context.DynamicPropertyRegistry;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * The real infrastructure a service test runs against, started once per test JVM: a KRaft
 * Kafka broker (spring-kafka-test), a MongoDB-wire store (mongo-java-server) and a JWKS
 * endpoint that publishes the key {@link #token} signs with, so services validate tokens the
 * same way they do in production (fetching keys over HTTP).
 */
public final class TestInfrastructure {

    private static MongoServer mongo;
    private static String mongoUri;
    private static EmbeddedKafkaKraftBroker kafka;
    private static int kafkaPort;
    private static HttpServer jwksServer;
    private static RSAKey signingKey;

    private TestInfrastructure() {
    }

    public static synchronized void start() {
        if (mongo != null) {
            return;
        }
        mongo = new MongoServer(new MemoryBackend());
        mongo.bind("127.0.0.1", 0);
        InetSocketAddress a = mongo.getLocalAddress();
        mongoUri = "mongodb://127.0.0.1:" + a.getPort();
        kafkaPort = freePort();
        startKafka();
        try {
            signingKey = new RSAKeyGenerator(2048).keyID("test-key").generate();
            jwksServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            byte[] jwks = new JWKSet(signingKey.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            jwksServer.createContext("/.well-known/jwks.json", ex -> {
                ex.getResponseHeaders().add("Content-Type", "application/json");
                ex.sendResponseHeaders(200, jwks.length);
                try (OutputStream o = ex.getResponseBody()) {
                    o.write(jwks);
                }
            });
            jwksServer.start();
        } catch (JOSEException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts (or restarts after {@link #stopKafka}) the broker on the same port. */
    public static synchronized void startKafka() {
        kafka = new EmbeddedKafkaKraftBroker(1, 1);
        // a fixed LOCAL listener beside the kit's ephemeral ones, so a restarted broker has the same address
        kafka.brokerProperty("listeners", "EXTERNAL://localhost:0,CONTROLLER://localhost:0,LOCAL://127.0.0.1:" + kafkaPort);
        kafka.brokerProperty("listener.security.protocol.map", "EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT,LOCAL:PLAINTEXT");
        kafka.brokerProperty("auto.create.topics.enable", "true");
        kafka.brokerProperty("group.initial.rebalance.delay.ms", "0");
        kafka.afterPropertiesSet();
    }

    public static synchronized void stopKafka() {
        kafka.destroy();
    }

    public static void register(DynamicPropertyRegistry r) {
        start();
        r.add("spring.mongodb.uri", () -> mongoUri);
        r.add("spring.cloud.stream.kafka.binder.brokers", TestInfrastructure::kafkaBootstrap);
        r.add("spring.kafka.bootstrap-servers", TestInfrastructure::kafkaBootstrap);
        r.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", TestInfrastructure::jwksUri);
    }

    /** Where the test signing key is published, as the identity service publishes its keys. */
    public static String jwksUri() {
        start();
        return "http://127.0.0.1:" + jwksServer.getAddress().getPort() + "/.well-known/jwks.json";
    }

    public static String kafkaBootstrap() {
        return "127.0.0.1:" + kafkaPort;
    }

    public static String mongoUri() {
        start();
        return mongoUri;
    }

    public static RSAKey signingKey() {
        start();
        return signingKey;
    }

    /** A token as the identity service would issue it. */
    public static String token(String subject, String... roles) {
        start();
        try {
            JWTClaimsSet claims = new JWTClaimsSet.Builder()
                    .subject(subject)
                    .issuer("http://identity-service")
                    .issueTime(new Date())
                    .expirationTime(Date.from(Instant.now().plusSeconds(900)))
                    .jwtID(UUID.randomUUID().toString())
                    .claim("roles", List.of(roles))
                    .build();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A correctly signed admin token that expired two minutes ago (beyond the decoder's clock skew). */
    public static String expiredAdminToken() {
        start();
        try {
            JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("admin-expired").issuer("http://identity-service")
                    .issueTime(Date.from(Instant.now().minusSeconds(1200)))
                    .expirationTime(Date.from(Instant.now().minusSeconds(120)))
                    .claim("roles", List.of("admin")).build();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same claims as {@code token}, "signed" with alg none. */
    public static String algNone(String token) {
        String[] parts = token.split("\\.");
        String header = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        return header + "." + parts[1] + ".";
    }

    /** {@code token} with its roles claim rewritten to admin and the original signature kept. */
    public static String withTamperedRoles(String token) {
        String[] parts = token.split("\\.");
        String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replaceAll("\"roles\"\\s*:\\s*\\[[^\\]]*\\]", "\"roles\":[\"admin\"]");
        return parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }

    /** An admin token signed by a key nobody published, under the key id of {@code token}. */
    public static String signedByAnotherKey(String token) {
        try {
            String kid = SignedJWT.parse(token).getHeader().getKeyID();
            RSAKey rogue = new RSAKeyGenerator(2048).keyID(kid).generate();
            JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("intruder").issueTime(new Date())
                    .expirationTime(Date.from(Instant.now().plusSeconds(600))).claim("roles", List.of("admin")).build();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), claims);
            jwt.sign(new RSASSASigner(rogue));
            return jwt.serialize();
        } catch (JOSEException | java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String adminToken() {
        return token("admin-" + UUID.randomUUID(), "admin");
    }

    public static String customerToken() {
        return token("customer-" + UUID.randomUUID(), "customer");
    }

    public static Map<String, Object> kafkaConsumerProps(String group) {
        return Map.of("bootstrap.servers", kafkaBootstrap(), "group.id", group, "auto.offset.reset", "earliest",
                "enable.auto.commit", "false");
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
