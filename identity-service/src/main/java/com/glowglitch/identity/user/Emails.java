package com.glowglitch.identity.user;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Email addresses as account keys. Only plain ASCII addresses are accepted: look-alike
 * characters from other scripts ("аdmin@…" with a Cyrillic a) would otherwise create accounts
 * that read like someone else's. Stored lower-cased and trimmed, so lookups are
 * case-insensitive.
 */
public final class Emails {

    private static final Pattern VALID = Pattern.compile(
            "^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}$");

    private Emails() {
    }

    public static boolean valid(String email) {
        return email != null && email.length() <= 254 && VALID.matcher(email.trim()).matches();
    }

    public static String normalize(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }
}
