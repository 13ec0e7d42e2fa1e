package io.twelvefactor.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * Typo detection for a config type with a {@link Prefix}: every variable set under
 * {@code PREFIX_} that no component reads is reported with the closest name a component does
 * read. This scans every variable name once per bind; configs without a prefix are never
 * scanned. Immutable.
 */
final class Unread {
    private final String prefix;
    private final String typeName;
    /** Every name a component reads, with its {@code _FILE} variant and deprecated names. */
    private final Set<String> known;
    /** The {@code NAME_} of each Map of records: those names are checked by the map itself. */
    private final List<String> groups;

    Unread(String prefix, String typeName, Set<String> known, List<String> groups) {
        this.prefix = prefix + "_";
        this.typeName = typeName;
        this.known = known;
        this.groups = groups;
    }

    void check(Binding binding) {
        List<String> unread = null;
        for (String variable : binding.variableNames()) {
            if (variable.startsWith(prefix) && !isRead(variable)) {
                if (unread == null) {
                    unread = new ArrayList<>();
                }
                unread.add(variable);
            }
        }
        if (unread == null) {
            return;
        }
        Collections.sort(unread);
        for (String variable : unread) {
            String message = "is set, but no component of " + typeName + " reads it"
                    + Typos.didYouMean(variable, known);
            if (binding.rejectUnknown) {
                binding.problem(variable, binding.sourceOf(variable), message);
            } else {
                binding.warn(variable, binding.sourceOf(variable), message
                        + " (Env.builder().rejectUnknownVariables() makes this a problem)");
            }
        }
    }

    private boolean isRead(String variable) {
        if (known.contains(variable) || known.contains(firstIndexes(variable))) {
            return true;
        }
        for (String group : groups) {
            if (variable.startsWith(group)) {
                return true;
            }
        }
        return false;
    }

    /** {@code SERVERS_3_HOST} → {@code SERVERS_0_HOST}: elements of a list of records read element 0's names. */
    private static String firstIndexes(String variable) {
        StringBuilder b = null;
        int n = variable.length();
        for (int i = 0; i < n; i++) {
            char c = variable.charAt(i);
            if (c == '_' && i + 1 < n && isDigit(variable.charAt(i + 1))) {
                int j = i + 1;
                while (j < n && isDigit(variable.charAt(j))) {
                    j++;
                }
                if (j < n && variable.charAt(j) == '_') {
                    if (b == null) {
                        b = new StringBuilder(variable.substring(0, i));
                    }
                    b.append("_0");
                    i = j - 1;
                    continue;
                }
            }
            if (b != null) {
                b.append(c);
            }
        }
        return b == null ? variable : b.toString();
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
