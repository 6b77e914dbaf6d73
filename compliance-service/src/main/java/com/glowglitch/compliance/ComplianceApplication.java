package com.glowglitch.compliance;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The compliance context: owns audit logs, GDPR processing records, data-subject requests; publishes compliance.events. */
@SpringBootApplication
public class ComplianceApplication {

    public static void main(String[] args) {
        SpringApplication.run(ComplianceApplication.class, args);
    }
}
