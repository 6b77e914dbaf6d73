package com.glowglitch.platform.mongo;

import org.springframework.data.mongodb.core.query.Criteria;

/**
 * Keyset pagination: the documents that come after a cursor in a list ordered by
 * ({@code field}, {@code _id}). Unlike skip/limit it stays exact while documents are inserted.
 */
public final class Keyset {

    private Keyset() {
    }

    /** {@code field} beyond {@code value}, or equal to it with an {@code _id} beyond {@code id}. */
    public static Criteria after(String field, Object value, String id, boolean ascending) {
        Criteria beyond = ascending ? Criteria.where(field).gt(value) : Criteria.where(field).lt(value);
        Criteria tie = ascending ? Criteria.where(field).is(value).and("_id").gt(id)
                : Criteria.where(field).is(value).and("_id").lt(id);
        return new Criteria().orOperator(beyond, tie);
    }
}
