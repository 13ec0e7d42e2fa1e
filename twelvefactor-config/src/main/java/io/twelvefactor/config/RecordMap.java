package io.twelvefactor.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A {@code Map<String, Record>}: a named group of records, entry {@code KEY} reading
 * {@code NAME_KEY_COMPONENT}. The keys are not declared anywhere, so they are found by
 * scanning every variable name of the source for {@code NAME_}: the cost of a bind grows with
 * the size of the environment, once per such component (a few microseconds per thousand
 * variables). A name under {@code NAME_} is split at the one record variable it ends with; the
 * planner has made sure no record variable ends with {@code _} and another one, so the split is
 * never a guess, and keys may contain {@code _}. Entry plans are built on first use and kept.
 */
final class RecordMap extends Node {
    /** The key of the template plan, planned at plan time and shown as {@code <NAME>}. */
    static final String TEMPLATE_KEY = "NAME";
    /** Entry plans kept at most; beyond this they are planned on each bind. */
    private static final int CACHED = 256;

    private final String name;
    private final String prefix;
    private final Class<?> valueType;
    private final Map<Class<?>, Function<String, ?>> converters;
    private final RecordNode template;
    /** The variable names of one entry without {@code NAME_KEY_}, with their {@code _FILE} variants. */
    private final String[] suffixes;
    private final ConcurrentHashMap<String, RecordNode> entries = new ConcurrentHashMap<>();

    RecordMap(String name, Class<?> valueType, Map<Class<?>, Function<String, ?>> converters,
              RecordNode template, List<String> suffixes) {
        this.name = name;
        this.prefix = name + "_";
        this.valueType = valueType;
        this.converters = converters;
        this.template = template;
        this.suffixes = suffixes.toArray(new String[0]);
    }

    /**
     * A new map node, typed as a {@link Node} so that verifying the planner does not load this
     * class for configs without a map of records.
     */
    static Node of(String name, Class<?> valueType, Map<Class<?>, Function<String, ?>> converters,
                   RecordNode template, List<String> suffixes) {
        return new RecordMap(name, valueType, converters, template, suffixes);
    }

    /** The record variables without the {@code NAME_KEY_} part, plus their {@code _FILE} variants. */
    static List<String> suffixes(RecordNode template, String templatePrefix) {
        List<ConfigDescription.Variable> variables = new ArrayList<>();
        template.describe(variables);
        List<String> suffixes = new ArrayList<>();
        int cut = templatePrefix.length() + 1;
        for (ConfigDescription.Variable v : variables) {
            String suffix = v.name().substring(cut);
            suffixes.add(suffix);
            suffixes.add(suffix + "_FILE");
        }
        return suffixes;
    }

    /** A pair of suffixes where one ends with {@code _} and the other, or null. */
    static String[] ambiguity(List<String> suffixes) {
        for (String a : suffixes) {
            for (String b : suffixes) {
                if (a.length() > b.length() + 1 && a.endsWith(b) && a.charAt(a.length() - b.length() - 1) == '_') {
                    return new String[] {a, b};
                }
            }
        }
        return null;
    }

    String prefix() {
        return prefix;
    }

    @Override
    Object bind(Binding binding) {
        TreeMap<String, String> keys = new TreeMap<>();
        boolean failed = false;
        for (String variable : binding.variableNames()) {
            if (!variable.startsWith(prefix)) {
                continue;
            }
            String key = keyOf(variable);
            if (key == null) {
                binding.problem(variable, binding.sourceOf(variable), "is set, but " + valueType.getSimpleName()
                        + " reads no such variable; expected " + pattern() + Typos.didYouMean(variable, known(variable)));
                failed = true;
            } else {
                keys.putIfAbsent(key, variable);
            }
        }
        LinkedHashMap<String, Object> map = new LinkedHashMap<>();
        for (String key : keys.keySet()) {
            RecordNode entry = entry(key);
            if (!entry.isPresent(binding)) {
                continue; // only empty values, which count as unset
            }
            Object value = entry.bind(binding);
            failed |= value == FAILED;
            map.put(key, value);
        }
        return failed ? FAILED : Collections.unmodifiableMap(map);
    }

    /** The key of a variable under this map's prefix, or null when it ends with no record variable. */
    private String keyOf(String variable) {
        int rest = prefix.length();
        for (String suffix : suffixes) {
            int keyEnd = variable.length() - suffix.length() - 1;
            if (keyEnd > rest && variable.endsWith(suffix) && variable.charAt(keyEnd) == '_') {
                return variable.substring(rest, keyEnd);
            }
        }
        return null;
    }

    /** The names a mistyped variable may have meant: the record variables under its likely key. */
    private List<String> known(String variable) {
        String rest = variable.substring(prefix.length());
        int underscore = rest.indexOf('_');
        String key = underscore > 0 ? rest.substring(0, underscore) : rest;
        List<String> names = new ArrayList<>();
        for (String suffix : suffixes) {
            names.add(prefix + key + "_" + suffix);
        }
        return names;
    }

    private String pattern() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < suffixes.length; i += 2) {
            b.append(i == 0 ? "" : ", ").append(prefix).append('<').append(TEMPLATE_KEY).append(">_").append(suffixes[i]);
        }
        return b.toString();
    }

    private RecordNode entry(String key) {
        RecordNode entry = entries.get(key);
        if (entry == null) {
            entry = Planner.element(valueType, prefix + key, converters);
            if (entries.size() < CACHED) {
                RecordNode raced = entries.putIfAbsent(key, entry);
                entry = raced == null ? entry : raced;
            }
        }
        return entry;
    }

    @Override
    String firstPresent(Binding binding) {
        for (String variable : binding.variableNames()) {
            if (variable.startsWith(prefix)) {
                String key = keyOf(variable);
                String found = key == null ? null : entry(key).firstPresent(binding);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    @Override
    void describe(List<ConfigDescription.Variable> variables) {
        List<ConfigDescription.Variable> entry = new ArrayList<>();
        template.describe(entry);
        int cut = prefix.length() + TEMPLATE_KEY.length() + 1;
        for (ConfigDescription.Variable v : entry) {
            variables.add(v.renamed(prefix + "<" + TEMPLATE_KEY + ">_" + v.name().substring(cut)));
        }
    }

    /** For {@code Env.describe} and typo detection: the name of this group. */
    String name() {
        return name;
    }
}
