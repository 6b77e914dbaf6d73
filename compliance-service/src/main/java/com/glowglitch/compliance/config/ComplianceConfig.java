package com.glowglitch.compliance.config;

import java.util.function.Consumer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import com.glowglitch.compliance.audit.AuditTrail;
import com.glowglitch.platform.events.EventConsumers;

@Configuration
@org.springframework.context.annotation.Import(com.glowglitch.contracts.ContractValidation.class)
public class ComplianceConfig {

    /** Bound to every context's topic (application.yml): the audit trail sees everything. */
    @Bean
    Consumer<Message<byte[]>> audit(EventConsumers consumers, AuditTrail trail) {
        return consumers.consumer(trail);
    }
}
