package com.glowglitch.cart.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

import com.glowglitch.cart.cart.Cart;
import com.glowglitch.cart.cart.Totals;

/** {@code glowglitch.cart.*}: limits, estimate rules and timings of carts. */
@ConfigurationProperties("glowglitch.cart")
public class CartProperties {

    private String catalogUrl = "http://localhost:8082";
    private Duration catalogTimeout = Duration.ofSeconds(2);
    /** customization-service: the saved design a line names (its product and options). */
    private String customizationUrl = "http://localhost:8087";
    private int maxQuantityPerLine = 10;
    private int maxLines = 30;
    private int maxItems = 50;
    private String currency = "USD";
    private int taxRateBps = 800;
    private long flatShippingMinor = 995;
    private long freeShippingFromMinor = 15_000;
    /** How long the catalog holds stock for a line (the catalog's own setting; used to know when to refresh). */
    private Duration reservationTtl = Duration.ofMinutes(15);
    /** Cart activity refreshes a hold at most this often. */
    private Duration refreshHoldsAfter = Duration.ofMinutes(1);

    /** A cart with items and no activity for this long is reported abandoned (once per idle spell). */
    private Duration abandonAfter = Duration.ofHours(1);
    /** A guest cart left alone this long is closed. */
    private Duration guestCartTtl = Duration.ofDays(30);
    private Duration idleCheckInterval = Duration.ofMinutes(1);

    public String getCustomizationUrl() { return customizationUrl; }
    public void setCustomizationUrl(String customizationUrl) { this.customizationUrl = customizationUrl; }
    public Duration getAbandonAfter() { return abandonAfter; }
    public void setAbandonAfter(Duration abandonAfter) { this.abandonAfter = abandonAfter; }
    public Duration getGuestCartTtl() { return guestCartTtl; }
    public void setGuestCartTtl(Duration guestCartTtl) { this.guestCartTtl = guestCartTtl; }
    public Duration getIdleCheckInterval() { return idleCheckInterval; }
    public void setIdleCheckInterval(Duration idleCheckInterval) { this.idleCheckInterval = idleCheckInterval; }

    public Cart.Limits limits() {
        return new Cart.Limits(maxQuantityPerLine, maxLines, maxItems);
    }

    public Totals.Rules totals() {
        return new Totals.Rules(currency, taxRateBps, flatShippingMinor, freeShippingFromMinor);
    }

    public String getCatalogUrl() { return catalogUrl; }
    public void setCatalogUrl(String catalogUrl) { this.catalogUrl = catalogUrl; }
    public Duration getCatalogTimeout() { return catalogTimeout; }
    public void setCatalogTimeout(Duration catalogTimeout) { this.catalogTimeout = catalogTimeout; }
    public int getMaxQuantityPerLine() { return maxQuantityPerLine; }
    public void setMaxQuantityPerLine(int maxQuantityPerLine) { this.maxQuantityPerLine = maxQuantityPerLine; }
    public int getMaxLines() { return maxLines; }
    public void setMaxLines(int maxLines) { this.maxLines = maxLines; }
    public int getMaxItems() { return maxItems; }
    public void setMaxItems(int maxItems) { this.maxItems = maxItems; }
    public String getCurrency() { return currency; }
    public void setCurrency(String currency) { this.currency = currency; }
    public int getTaxRateBps() { return taxRateBps; }
    public void setTaxRateBps(int taxRateBps) { this.taxRateBps = taxRateBps; }
    public long getFlatShippingMinor() { return flatShippingMinor; }
    public void setFlatShippingMinor(long flatShippingMinor) { this.flatShippingMinor = flatShippingMinor; }
    public long getFreeShippingFromMinor() { return freeShippingFromMinor; }
    public void setFreeShippingFromMinor(long freeShippingFromMinor) { this.freeShippingFromMinor = freeShippingFromMinor; }
    public Duration getReservationTtl() { return reservationTtl; }
    public void setReservationTtl(Duration reservationTtl) { this.reservationTtl = reservationTtl; }
    public Duration getRefreshHoldsAfter() { return refreshHoldsAfter; }
    public void setRefreshHoldsAfter(Duration refreshHoldsAfter) { this.refreshHoldsAfter = refreshHoldsAfter; }
}
