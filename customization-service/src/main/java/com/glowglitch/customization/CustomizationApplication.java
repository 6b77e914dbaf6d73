package com.glowglitch.customization;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The customization context: owns customizations (+ version history), model assets; publishes customization.events. */
@SpringBootApplication
public class CustomizationApplication {

    public static void main(String[] args) {
        SpringApplication.run(CustomizationApplication.class, args);
    }
}
