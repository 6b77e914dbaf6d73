package com.glowglitch.order;

import org.springframework.boot.test.context.SpringBootTest;

import com.glowglitch.platform.test.ServiceSmokeTest;

@SpringBootTest(classes = OrderApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OrderServiceSmokeIT extends ServiceSmokeTest {
}
