package com.glowglitch.compliance.config;

import java.util.function.Consumer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import com.glowglitch.compliance.audit.AuditTrail;
import com.glowglitch.contracts.ContractEventValidator;
import com.glowglitch.contracts.EventContracts;
import com.glowglitch.platform.events.EventConsumers;
import com.glowglitch.platform.events.EventValidator;

@Configuration
public class ComplianceConfig {

    @Bean
    EventContracts eventContracts() {
        return new EventContracts();
    }

    /** Incoming events of known types must match their published schema, or they are dead-lettered. */
    @Bean
    EventValidator contractValidator(EventContracts contracts) {
        return new ContractEventValidator(contracts);
    }

    /** Bound to every context's topic (application.yml): the audit trail sees everything. */
    @Bean
    Consumer<Message<byte[]>> audit(EventConsumers consumers, AuditTrail trail) {
        return consumers.consumer(trail);
    }
}
