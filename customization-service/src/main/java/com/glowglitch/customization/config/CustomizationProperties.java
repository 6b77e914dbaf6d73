package com.glowglitch.customization.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code glowglitch.customization.*}: where the catalog is and how much a shopper may keep. */
@ConfigurationProperties("glowglitch.customization")
public class CustomizationProperties {

    private String catalogUrl = "http://localhost:8082";
    private Duration catalogTimeout = Duration.ofSeconds(2);
    /** Versions one design keeps; past it the shopper starts a new design (cart lines name old versions, so none is dropped). */
    private int maxVersions = 100;
    /** Designs one shopper keeps. */
    private int maxPerOwner = 200;

    public String getCatalogUrl() { return catalogUrl; }
    public void setCatalogUrl(String catalogUrl) { this.catalogUrl = catalogUrl; }
    public Duration getCatalogTimeout() { return catalogTimeout; }
    public void setCatalogTimeout(Duration catalogTimeout) { this.catalogTimeout = catalogTimeout; }
    public int getMaxVersions() { return maxVersions; }
    public void setMaxVersions(int maxVersions) { this.maxVersions = maxVersions; }
    public int getMaxPerOwner() { return maxPerOwner; }
    public void setMaxPerOwner(int maxPerOwner) { this.maxPerOwner = maxPerOwner; }
}
