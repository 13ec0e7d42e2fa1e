package io.twelvefactor.config;

/**
 * Derives variable names from component names. A word starts at an upper-case letter that
 * follows a lower-case letter or a digit ({@code maxThreads} → {@code MAX_THREADS},
 * {@code oauth2ClientId} → {@code OAUTH2_CLIENT_ID}), and at the last capital of a run of
 * capitals followed by a lower-case letter ({@code httpURLPath} → {@code HTTP_URL_PATH}).
 * Digits stay with the word before them ({@code s3Bucket} → {@code S3_BUCKET}).
 */
final class Names {
    private Names() {
    }

    static String derive(String component) {
        StringBuilder b = new StringBuilder(component.length() + 4);
        for (int i = 0; i < component.length(); i++) {
            char c = component.charAt(i);
            if (i > 0 && isUpper(c) && b.charAt(b.length() - 1) != '_') {
                char before = component.charAt(i - 1);
                boolean afterWord = isLower(before) || isDigit(before);
                boolean endOfAcronym = isUpper(before) && i + 1 < component.length() && isLower(component.charAt(i + 1));
                if (afterWord || endOfAcronym) {
                    b.append('_');
                }
            }
            b.append(Character.toUpperCase(c));
        }
        return b.toString();
    }

    /** {@code prefix_name}, or {@code name} when there is no prefix. */
    static String join(String prefix, String name) {
        return prefix.isEmpty() ? name : prefix + "_" + name;
    }

    /** Whether the name is usable in a POSIX shell: ASCII letters, digits, '_', not starting with a digit. */
    static boolean isValid(String name) {
        if (name.isEmpty() || isDigit(name.charAt(0))) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(isUpper(c) || isLower(c) || isDigit(c) || c == '_')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static boolean isLower(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
