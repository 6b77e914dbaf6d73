package com.glowglitch.platform.mongo;

import java.time.Duration;

import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoException;

import reactor.util.retry.Retry;
import reactor.util.retry.RetryBackoffSpec;

/**
 * Retry with exponential back-off for errors that go away by themselves (a dropped socket,
 * server selection timing out during an election, a stepped-down primary, anything the driver
 * labels transient). Logic errors (duplicate key, validation) are never retried.
 */
public final class MongoRetry {

    private MongoRetry() {
    }

    public static RetryBackoffSpec transientErrors(int attempts) {
        return Retry.backoff(attempts, Duration.ofMillis(50))
                .maxBackoff(Duration.ofSeconds(2))
                .jitter(0.5)
                .filter(MongoRetry::isTransient);
    }

    public static boolean isTransient(Throwable t) {
        Throwable c = t;
        while (c != null) {
            if (c instanceof MongoSocketException || c instanceof MongoTimeoutException
                    || c instanceof MongoNotPrimaryException) {
                return true;
            }
            if (c instanceof MongoException me && (me.hasErrorLabel(MongoException.TRANSIENT_TRANSACTION_ERROR_LABEL)
                    || me.hasErrorLabel("RetryableWriteError"))) {
                return true;
            }
            c = c.getCause();
        }
        return false;
    }
}
