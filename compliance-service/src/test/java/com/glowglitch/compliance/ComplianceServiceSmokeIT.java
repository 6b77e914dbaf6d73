package com.glowglitch.compliance;

import org.springframework.boot.test.context.SpringBootTest;

import com.glowglitch.platform.test.ServiceSmokeTest;

@SpringBootTest(classes = ComplianceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ComplianceServiceSmokeIT extends ServiceSmokeTest {
}
