package io.twelvefactor.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A {@code List} of records: element {@code i} reads {@code NAME_i_COMPONENT}. Elements are
 * read from index 0 up to the first index with no variable present; a variable set at one of
 * the {@link #GAP_CHECKED} indexes after that one is a problem (further indexes are not looked
 * up, as the environment is never scanned). Element plans are built on first use and kept.
 */
final class RecordList extends Node {
    /** How many indexes past the first unset one are checked for a variable set after a gap. */
    static final int GAP_CHECKED = 8;

    private final String name;
    private final Class<?> elementType;
    private final Map<Class<?>, Function<String, ?>> converters;
    private volatile RecordNode[] elements;

    /**
     * The list node. A factory typed {@link Node}, so that verifying the planner does not load
     * this class for a config without lists of records.
     */
    static Node of(String name, Class<?> elementType, Map<Class<?>, Function<String, ?>> converters, RecordNode first) {
        return new RecordList(name, elementType, converters, first);
    }

    private RecordList(String name, Class<?> elementType, Map<Class<?>, Function<String, ?>> converters, RecordNode first) {
        this.name = name;
        this.elementType = elementType;
        this.converters = converters;
        this.elements = new RecordNode[] {first};
    }

    @Override
    Object bind(Binding binding) {
        ArrayList<Object> list = new ArrayList<>();
        boolean failed = false;
        int i = 0;
        for (RecordNode element = element(0); element.isPresent(binding); element = element(++i)) {
            Object value = element.bind(binding);
            failed |= value == FAILED;
            list.add(value);
        }
        for (int after = i + 1; after <= i + GAP_CHECKED; after++) {
            String found = element(after).firstPresent(binding);
            if (found != null) {
                binding.problem(found, binding.sourceOf(found), "is set, but no variable of element " + i
                        + " (" + name + "_" + i + "_*) is; expected indexes 0, 1, 2… without gaps");
                return FAILED;
            }
        }
        return failed ? FAILED : List.of(list.toArray());
    }

    private RecordNode element(int index) {
        RecordNode[] current = elements;
        if (index < current.length) {
            return current[index];
        }
        synchronized (this) {
            current = elements;
            if (index >= current.length) {
                RecordNode[] grown = Arrays.copyOf(current, Math.max(index + 1, current.length * 2));
                for (int i = current.length; i < grown.length; i++) {
                    grown[i] = Planner.element(elementType, name + "_" + i, converters);
                }
                elements = grown;
                current = grown;
            }
            return current[index];
        }
    }

    @Override
    String firstPresent(Binding binding) {
        return element(0).firstPresent(binding);
    }

    @Override
    void describe(List<ConfigDescription.Variable> variables) {
        List<ConfigDescription.Variable> first = new ArrayList<>();
        elements[0].describe(first);
        int cut = name.length() + 3;
        for (ConfigDescription.Variable v : first) {
            variables.add(v.renamed(name + "_<n>_" + v.name().substring(cut)));
        }
    }
}
