package com.glowglitch.catalog.product;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The jewelry categories of the brief. JSON uses the lower-case names. */
public enum Category {
    RINGS, NECKLACES, EARRINGS, BRACELETS, ANKLETS, CHARMS, SETS;

    @JsonValue
    public String json() {
        return name().toLowerCase();
    }

    @JsonCreator
    public static Category fromJson(String value) {
        for (Category c : values()) {
            if (c.json().equals(value)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown category " + value);
    }
}
