package com.glowglitch.customization.design;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.glowglitch.platform.money.Money;

/** A design as its owner sees it: the newest version in full and the history as a list of versions. */
public record CustomizationView(String id, String productId, String productName, String name, int currentVersion,
                                boolean productArchived, VersionView current, List<HistoryEntry> history,
                                Instant createdAt, Instant updatedAt) {

    /** One version in full; {@code options.engraving} is the owner's text, opened. */
    public record VersionView(String customizationId, String productId, int version, Customization.Options options,
                              Map<String, String> design, Money price, String note, Instant savedAt) {
    }

    public record HistoryEntry(int version, Money price, Instant savedAt) {
    }

    /** A line of "my designs". */
    public record Summary(String id, String productId, String productName, String name, int currentVersion, Money price,
                          boolean productArchived, Instant updatedAt) {

        static Summary of(Customization c) {
            return new Summary(c.id(), c.productId(), c.productName(), c.name(), c.current(), c.latest().price(),
                    c.productArchived(), c.updatedAt());
        }
    }

    static VersionView version(Customization c, Customization.Version v, CustomizationService service) {
        return new VersionView(c.id(), c.productId(), v.number(), service.open(v.options()), v.design(), v.price(), v.note(),
                v.savedAt());
    }

    static CustomizationView of(Customization c, CustomizationService service) {
        return new CustomizationView(c.id(), c.productId(), c.productName(), c.name(), c.current(), c.productArchived(),
                version(c, c.latest(), service),
                c.versions().stream().sorted(java.util.Comparator.comparingInt(Customization.Version::number).reversed())
                        .map(v -> new HistoryEntry(v.number(), v.price(), v.savedAt())).toList(),
                c.createdAt(), c.updatedAt());
    }
}
