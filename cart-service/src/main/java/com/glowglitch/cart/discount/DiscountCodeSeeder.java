package com.glowglitch.cart.discount;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.bson.Document;
import org.springframework.stereotype.Component;

import com.glowglitch.platform.dbadmin.Seeder;
import com.glowglitch.platform.idempotency.IdempotentWrites;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Sample codes for the local stack and demos; keyed by code, so seeding twice creates nothing. */
@Component
public class DiscountCodeSeeder implements Seeder {

    private record Sample(String code, String kind, int percentOff, long amountOffMinor, long minSubtotalMinor,
                          Integer usageLimit, Integer perUserLimit, List<String> categories) {
    }

    private static final List<Sample> SAMPLES = List.of(
            new Sample("GLOW10", "percentage", 10, 0, 5_000, null, null, List.of()),
            new Sample("WELCOME15", "percentage", 15, 0, 0, null, 1, List.of()),
            new Sample("RINGS20", "percentage", 20, 0, 0, 500, 2, List.of("rings")),
            new Sample("TAKE25", "fixed", 0, 2_500, 15_000, 100, 1, List.of()));

    private final IdempotentWrites writes;
    private final Clock clock;

    public DiscountCodeSeeder(IdempotentWrites writes, Clock clock) {
        this.writes = writes;
        this.clock = clock;
    }

    @Override
    public Mono<Result> seed() {
        Instant now = clock.instant();
        return Flux.fromIterable(SAMPLES).concatMap(s -> writes.createOnce(Discounts.CODES, s.code(), new Document("_id", s.code())
                        .append("kind", s.kind()).append("percentBps", s.percentOff() * 100).append("amountOffMinor", s.amountOffMinor())
                        .append("minSubtotalMinor", s.minSubtotalMinor()).append("usageLimit", s.usageLimit())
                        .append("perUserLimit", s.perUserLimit()).append("uses", 0).append("remaining", s.usageLimit())
                        .append("productIds", List.of()).append("categories", s.categories()).append("active", true)
                        .append("createdBy", "seed").append("createdAt", java.util.Date.from(now))
                        .append("updatedAt", java.util.Date.from(now)).append("version", 0L)))
                .collectList()
                .map(created -> {
                    long n = created.stream().filter(Boolean::booleanValue).count();
                    return new Result("discount_codes", n, created.size() - n);
                });
    }
}
