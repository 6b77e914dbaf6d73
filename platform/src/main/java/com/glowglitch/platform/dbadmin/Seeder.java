package com.glowglitch.platform.dbadmin;

import reactor.core.publisher.Mono;

/**
 * Sample data a service contributes to {@code POST /api/db/seed}. Must be idempotent: seeding
 * twice creates nothing new (deterministic ids + {@code $setOnInsert}).
 */
public interface Seeder {

    record Result(String name, long created, long existing) {
    }

    Mono<Result> seed();
}
