package com.glowglitch.platform.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * A page of a list answer: {@code {items, nextCursor}}. Cursors are opaque to clients
 * (base64url of the last item's sort key) and stable while data is inserted, unlike skip/limit.
 */
public record CursorPage<T>(List<T> items, String nextCursor) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    public static int limit(Integer requested) {
        if (requested == null) {
            return DEFAULT_LIMIT;
        }
        if (requested < 1 || requested > MAX_LIMIT) {
            throw ApiException.badRequest("invalid-limit", "limit must be between 1 and " + MAX_LIMIT);
        }
        return requested;
    }

    public static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    public static String decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid-cursor", "cursor is not one we issued");
        }
    }
}
