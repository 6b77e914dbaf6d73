package com.glowglitch.platform.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

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

    /** The position after an item in a list ordered by (time, id): the common cursor shape. */
    public record TimeKey(Instant time, String id) {

        public String encode() {
            return CursorPage.encode(time.toEpochMilli() + "|" + id);
        }

        /** @return null for no cursor; a 400 problem for one we did not issue */
        public static TimeKey decode(String cursor) {
            String key = CursorPage.decode(cursor);
            if (key == null) {
                return null;
            }
            String[] parts = key.split("\\|", 2);
            try {
                return new TimeKey(Instant.ofEpochMilli(Long.parseLong(parts[0])), parts[1]);
            } catch (RuntimeException e) {
                throw ApiException.badRequest("invalid-cursor", "cursor is not one we issued");
            }
        }
    }

    /**
     * Builds a page from a query that fetched {@code limit + 1} items: the extra item only tells
     * that there is a next page, whose cursor is the position after the last item shown.
     */
    public static <T> CursorPage<T> fromOverfetch(List<T> items, int limit, Function<T, String> cursorAfter) {
        if (items.size() <= limit) {
            return new CursorPage<>(items, null);
        }
        return new CursorPage<>(items.subList(0, limit), cursorAfter.apply(items.get(limit - 1)));
    }
}
