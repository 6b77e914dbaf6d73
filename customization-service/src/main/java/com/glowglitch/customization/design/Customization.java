package com.glowglitch.customization.design;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.data.annotation.Id;

import com.glowglitch.platform.money.Money;

/**
 * A shopper's saved design of one product: every save is a new numbered version and no version is
 * ever rewritten, so a cart line or wishlist item that names {@code (id, version)} always means
 * the same piece. {@code owner} is the token subject (a user, or a guest token's subject).
 *
 * @param current the newest version's number; versions are 1..current
 * @param productArchived the catalog withdrew the product: the design stays readable, but no new version
 */
public record Customization(@Id String id, String owner, boolean guest, String productId, String productName, String name,
                            int current, List<Version> versions, boolean productArchived, Instant createdAt, Instant updatedAt) {

    public Customization {
        versions = versions == null ? List.of() : List.copyOf(versions);
    }

    /**
     * The catalog options of a design. Stored with {@code engraving} sealed (field-encrypted: it is
     * often a name or a date), opened for the owner only.
     */
    public record Options(String material, String gemstone, String size, String engraving) {

        public static final Options NONE = new Options(null, null, null, null);

        public Options withEngraving(String e) {
            return new Options(material, gemstone, size, e);
        }
    }

    /**
     * One saved state: the catalog options, the 3D design parameters (part → colour, finish, texture,
     * camera...), the price the catalog gave those options when saved, and the shopper's note.
     */
    public record Version(int number, Options options, Map<String, String> design, Money price, String note, Instant savedAt) {
    }

    public Optional<Version> version(int number) {
        return versions.stream().filter(v -> v.number() == number).findFirst();
    }

    public Version latest() {
        return version(current).orElseThrow();
    }
}
