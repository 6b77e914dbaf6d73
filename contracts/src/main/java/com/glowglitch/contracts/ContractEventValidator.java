package com.glowglitch.contracts;

import java.util.List;

import com.glowglitch.platform.events.EventValidator;
import com.glowglitch.platform.events.IncomingEvent;
import com.glowglitch.platform.events.PoisonEventException;

/**
 * Validates incoming event data against the published schema of its type. Types the contract
 * does not know yet pass through (a newer producer may publish them before we learn them);
 * a known type whose data breaks its schema is poison and goes to the dead-letter topic.
 */
public class ContractEventValidator implements EventValidator {

    private final EventContracts contracts;

    public ContractEventValidator(EventContracts contracts) {
        this.contracts = contracts;
    }

    @Override
    public void validate(IncomingEvent event) {
        if (!contracts.knows(event.type())) {
            return;
        }
        List<String> errors = contracts.validate(event.type(), event.data());
        if (!errors.isEmpty()) {
            throw new PoisonEventException("event " + event.id() + " (" + event.type() + ") breaks its contract: "
                    + String.join("; ", errors.subList(0, Math.min(5, errors.size()))));
        }
    }
}
