package com.glowglitch.catalog.product;

import java.text.Normalizer;
import java.util.Locale;

/** SEO slugs: ASCII, lower case, words joined by single hyphens ("Aurora Solitaire Ring" → "aurora-solitaire-ring"). */
public final class Slugs {

    static final int MAX = 80;

    private Slugs() {
    }

    public static String of(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (slug.length() > MAX) {
            slug = slug.substring(0, MAX).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? "product" : slug;
    }

    /** The n-th alternative when the plain slug is taken: name-2, name-3, ... */
    public static String alternative(String slug, int n) {
        String suffix = "-" + n;
        String base = slug.length() + suffix.length() > MAX ? slug.substring(0, MAX - suffix.length()) : slug;
        return base + suffix;
    }
}
