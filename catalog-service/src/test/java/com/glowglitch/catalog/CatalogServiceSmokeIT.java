package com.glowglitch.catalog;

import org.springframework.boot.test.context.SpringBootTest;

import com.glowglitch.platform.test.ServiceSmokeTest;

@SpringBootTest(classes = CatalogApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CatalogServiceSmokeIT extends ServiceSmokeTest {
}
