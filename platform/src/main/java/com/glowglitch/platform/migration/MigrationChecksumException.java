package com.glowglitch.platform.migration;

/** An applied migration's file no longer matches what was applied: start-up must stop. */
public class MigrationChecksumException extends IllegalStateException {
    public MigrationChecksumException(String message) {
        super(message);
    }
}
