package com.glowglitch.platform.events;

/**
 * Checks an incoming event's data against its published contract. The contracts module
 * provides the JSON Schema implementation; a failure is a {@link PoisonEventException}.
 */
public interface EventValidator {

    /** @throws PoisonEventException when the data breaks the contract of its type */
    void validate(IncomingEvent event);

    EventValidator NONE = event -> { };
}
