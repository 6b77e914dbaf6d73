package com.glowglitch.catalog.product;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

public enum ProductStatus {
    DRAFT, ACTIVE, ARCHIVED;

    @JsonValue
    public String json() {
        return name().toLowerCase();
    }

    @JsonCreator
    public static ProductStatus fromJson(String value) {
        for (ProductStatus s : values()) {
            if (s.json().equals(value)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown status " + value);
    }
}
