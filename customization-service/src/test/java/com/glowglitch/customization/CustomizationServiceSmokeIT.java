package com.glowglitch.customization;

import org.springframework.boot.test.context.SpringBootTest;

import com.glowglitch.platform.test.ServiceSmokeTest;

@SpringBootTest(classes = CustomizationApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CustomizationServiceSmokeIT extends ServiceSmokeTest {
}
