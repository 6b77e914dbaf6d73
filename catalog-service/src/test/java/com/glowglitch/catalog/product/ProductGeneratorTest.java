package com.glowglitch.catalog.product;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class ProductGeneratorTest {

    @Test
    void theSameSeedGivesTheSameProductsAndAnotherSeedOthers() {
        Instant now = Instant.parse("2026-11-25T12:00:00Z");
        assertThat(ProductGenerator.product(7, 123, now)).isEqualTo(ProductGenerator.product(7, 123, now));
        assertThat(ProductGenerator.product(7, 123, now).name()).isNotEqualTo(ProductGenerator.product(8, 123, now).name());
        Product p = ProductGenerator.product(7, 5, now);
        assertThat(p.slug()).matches("[a-z0-9]+(-[a-z0-9]+)*");
        assertThat(p.variants()).singleElement().satisfies(v -> assertThat(v.available()).isEqualTo(v.total()));
    }
}
