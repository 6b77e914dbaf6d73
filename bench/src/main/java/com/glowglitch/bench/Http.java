package com.glowglitch.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/** The few HTTP helpers every load generator here needs (JSON POST with a bearer token, token extraction). */
final class Http {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Http() {
    }

    static HttpRequest post(String url, String token, String body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        headers.forEach(b::header);
        return b.build();
    }

    static HttpResponse<String> send(HttpClient http, HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The access token of a login or guest-token answer; anything but 200 is an exception naming the answer. */
    static String token(HttpResponse<String> r) {
        if (r.statusCode() != 200) {
            throw new IllegalStateException("token: HTTP " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body()).get("accessToken").asString();
    }
}
