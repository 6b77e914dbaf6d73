package com.glowglitch.platform.mongo;

import java.util.function.Supplier;

import org.springframework.http.HttpStatus;

import com.glowglitch.platform.web.ApiException;

import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Read–change–write of one document guarded by its version, done again from a fresh read when
 * another writer got there first (a 409 from the guarded write), at most {@code retries} more times.
 */
public final class OnConflict {

    private OnConflict() {
    }

    public static <T> Mono<T> retry(Supplier<Mono<T>> readChangeWrite, int retries) {
        return Mono.defer(readChangeWrite).retryWhen(Retry.max(retries).filter(OnConflict::isConflict));
    }

    public static boolean isConflict(Throwable e) {
        return e instanceof ApiException a && a.status() == HttpStatus.CONFLICT;
    }
}
