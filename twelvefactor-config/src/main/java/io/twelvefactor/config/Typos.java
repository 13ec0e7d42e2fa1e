package io.twelvefactor.config;

/** "Did you mean": the declared name closest to a variable nobody reads, by edit distance. */
final class Typos {
    private Typos() {
    }

    /** {@code "; did you mean NAME?"} for the closest of {@code names} within reach, or {@code ""}. */
    static String didYouMean(String variable, Iterable<String> names) {
        String best = closest(variable, names);
        return best == null ? "" : "; did you mean " + best + "?";
    }

    /**
     * The name at the smallest edit distance from {@code variable} (insertions, deletions,
     * substitutions and swaps of neighbours each count 1), if that distance is at most a third
     * of the name's length and at most 3; the first such name on a tie; or null.
     */
    static String closest(String variable, Iterable<String> names) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String name : names) {
            int limit = Math.min(3, Math.max(1, name.length() / 3));
            if (Math.abs(name.length() - variable.length()) > limit) {
                continue;
            }
            int d = distance(variable, name);
            if (d <= limit && d < bestDistance && !name.equals(variable)) {
                best = name;
                bestDistance = d;
            }
        }
        return best;
    }

    /** Optimal string alignment distance. */
    static int distance(String a, String b) {
        int[] previous2 = new int[b.length() + 1];
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int d = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d = Math.min(d, previous2[j - 2] + 1);
                }
                current[j] = d;
            }
            int[] t = previous2;
            previous2 = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }
}
