package com.glowglitch.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The services behind the gateway: where they are, which paths they own, how long to wait. */
@ConfigurationProperties(prefix = "glowglitch.gateway")
public class GatewayProperties {

    /** Service name → route settings, in the order routes are matched. */
    private Map<String, Service> services = new LinkedHashMap<>();
    /** Browser origins allowed to call the API (the storefront). */
    private List<String> allowedOrigins = new ArrayList<>(List.of("http://localhost:3000"));

    public Map<String, Service> getServices() { return services; }
    public void setServices(Map<String, Service> services) { this.services = services; }
    public List<String> getAllowedOrigins() { return allowedOrigins; }
    public void setAllowedOrigins(List<String> allowedOrigins) { this.allowedOrigins = allowedOrigins; }

    public static class Service {
        private String url;
        private List<String> paths = new ArrayList<>();
        /** Longest wait for an answer before the route answers 503. */
        private Duration timeout = Duration.ofSeconds(5);
        public String getUrl() { return url; }
        public void setUrl(String url) { this.url = url; }
        public List<String> getPaths() { return paths; }
        public void setPaths(List<String> paths) { this.paths = paths; }
        public Duration getTimeout() { return timeout; }
        public void setTimeout(Duration timeout) { this.timeout = timeout; }
    }
}
