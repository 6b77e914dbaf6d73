package com.glowglitch.platform.web;

import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * A failure the client should understand: becomes an RFC 9457 problem with a stable
 * {@code type} ({@code https://glowglitch.dev/problems/<slug>}), a title and a human detail.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String slug;
    private final String title;
    private final Map<String, Object> extensions;

    public ApiException(HttpStatus status, String slug, String title, String detail) {
        this(status, slug, title, detail, Map.of());
    }

    public ApiException(HttpStatus status, String slug, String title, String detail, Map<String, Object> extensions) {
        super(detail);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.extensions = extensions;
    }

    public static ApiException notFound(String what) {
        return new ApiException(HttpStatus.NOT_FOUND, "not-found", "Not found", what + " was not found");
    }

    public static ApiException badRequest(String slug, String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, slug, "Bad request", detail);
    }

    public static ApiException conflict(String slug, String detail) {
        return new ApiException(HttpStatus.CONFLICT, slug, "Conflict", detail);
    }

    public static ApiException unprocessable(String slug, String detail) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, slug, "Rule broken", detail);
    }

    public HttpStatus status() { return status; }
    public String slug() { return slug; }
    public String title() { return title; }
    public Map<String, Object> extensions() { return extensions; }
}
