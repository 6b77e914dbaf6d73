package com.glowglitch.gateway;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Token-bucket limits at the gateway (capacity refilled over the period). */
@ConfigurationProperties(prefix = "glowglitch.gateway.rate-limits")
public class RateLimitProperties {

    private boolean enabled = true;
    /** Use the left-most X-Forwarded-For address as the client IP (only behind a trusted proxy). */
    private boolean trustForwardedFor = false;
    private Limit perUser = new Limit(20, Duration.ofSeconds(1));
    private Limit perIp = new Limit(50, Duration.ofSeconds(1));
    /** Login attempts per client IP and email address. */
    private Limit login = new Limit(5, Duration.ofMinutes(1));

    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public boolean isTrustForwardedFor() { return trustForwardedFor; }
    public void setTrustForwardedFor(boolean trustForwardedFor) { this.trustForwardedFor = trustForwardedFor; }
    public Limit getPerUser() { return perUser; }
    public void setPerUser(Limit perUser) { this.perUser = perUser; }
    public Limit getPerIp() { return perIp; }
    public void setPerIp(Limit perIp) { this.perIp = perIp; }
    public Limit getLogin() { return login; }
    public void setLogin(Limit login) { this.login = login; }

    public static class Limit {
        private int capacity;
        private Duration period;

        public Limit() {
        }

        Limit(int capacity, Duration period) {
            this.capacity = capacity;
            this.period = period;
        }

        public int getCapacity() { return capacity; }
        public void setCapacity(int capacity) { this.capacity = capacity; }
        public Duration getPeriod() { return period; }
        public void setPeriod(Duration period) { this.period = period; }
    }
}
