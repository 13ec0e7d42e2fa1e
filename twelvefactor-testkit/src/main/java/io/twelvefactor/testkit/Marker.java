package io.twelvefactor.testkit;

import java.util.Locale;

/**
 * A secret a fuzz target plants in its input, then searches for in what the code under test
 * shows. A fuzzed password such as {@code 5432} or {@code a} also occurs in ports and paths,
 * so searching for the fuzzed password itself reports findings that are not leaks; a planted
 * marker that the input cannot spell any other way is found only where the secret leaked.
 */
public final class Marker {

    private Marker() {
    }

    /**
     * A marker of letters and digits (so no percent-encoding, case folding or quoting changes
     * it) that occurs in none of {@code inputs}, compared without case and with every
     * {@code %} and {@code \} removed, so that neither a percent-encoding nor an escape in the
     * input can decode to it.
     *
     * @param inputs the fuzzed text the marker is planted among
     * @return a marker such as {@code zqsecret0xq}
     */
    public static String freshIn(String... inputs) {
        StringBuilder all = new StringBuilder();
        for (String input : inputs) {
            all.append(input.toLowerCase(Locale.ROOT)).append('\n');
        }
        String plain = all.toString();
        String folded = plain.replace("%", "").replace("\\", "");
        for (int i = 0; ; i++) {
            String marker = "zqsecret" + i + "xq";
            if (!plain.contains(marker) && !folded.contains(marker)) {
                return marker;
            }
        }
    }
}
