package com.glowglitch.creator;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The creator context: owns creator profiles, referral links & clicks, commissions, payout batches, disputes; publishes creator.events. */
@SpringBootApplication
public class CreatorApplication {

    public static void main(String[] args) {
        SpringApplication.run(CreatorApplication.class, args);
    }
}
