package com.glowglitch.contracts;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.glowglitch.platform.events.EventValidator;

/**
 * What a consuming service imports ({@code @Import(ContractValidation.class)}) so that incoming
 * events of known types must match their published schema, or are dead-lettered with the reason.
 */
@Configuration(proxyBeanMethods = false)
public class ContractValidation {

    @Bean
    EventContracts eventContracts() {
        return new EventContracts();
    }

    @Bean
    EventValidator contractValidator(EventContracts contracts) {
        return new ContractEventValidator(contracts);
    }
}
