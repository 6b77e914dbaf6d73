package com.glowglitch.creator;

import org.springframework.boot.test.context.SpringBootTest;

import com.glowglitch.platform.test.ServiceSmokeTest;

@SpringBootTest(classes = CreatorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CreatorServiceSmokeIT extends ServiceSmokeTest {
}
