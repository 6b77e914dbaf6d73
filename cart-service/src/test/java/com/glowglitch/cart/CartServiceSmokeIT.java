package com.glowglitch.cart;

import org.springframework.boot.test.context.SpringBootTest;

import com.glowglitch.platform.test.ServiceSmokeTest;

@SpringBootTest(classes = CartApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CartServiceSmokeIT extends ServiceSmokeTest {
}
