package com.glowglitch.platform.events;

/**
 * An event that can never be processed (not JSON, missing CloudEvents attributes, fails its
 * schema). Retrying cannot help, so the binder sends it straight to the dead-letter topic with
 * this message in its headers, and the consumer moves on to the next record.
 */
public class PoisonEventException extends RuntimeException {
    public PoisonEventException(String message) {
        super(message);
    }

    public PoisonEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
