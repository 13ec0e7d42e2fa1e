package io.twelvefactor.config;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Builds the binding plan of a config record: every variable name, converter and default,
 * found by reflection once. Problems with the type itself (unbindable component types, name
 * collisions, bad defaults) are collected as plan problems. Used by one thread at a time.
 */
final class Planner {
    private final Map<Class<?>, Function<String, ?>> converters;
    private final String root;
    private final List<ConfigException.Problem> problems = new ArrayList<>();
    /** Every name read so far, with the component that reads it. */
    private final HashMap<String, String> names = new HashMap<>();
    private final ArrayList<Class<?>> path = new ArrayList<>();
    private int listDepth;

    private Planner(Class<?> type, Map<Class<?>, Function<String, ?>> converters) {
        this.converters = converters;
        this.root = type.getSimpleName();
    }

    /** The plan of a config type; its problems are thrown by {@link Plan#bind} and {@link Plan#describe}. */
    static Plan plan(Class<?> type, Map<Class<?>, Function<String, ?>> converters) {
        if (!type.isRecord()) {
            throw new IllegalArgumentException(type.getName() + " is not a record; declare the configuration as a record");
        }
        Planner planner = new Planner(type, converters);
        Annotations annotations = Annotations.of(type, type.getRecordComponents());
        String prefix = annotations.prefix;
        String name = prefix == null ? "" : prefix;
        if (prefix != null && !Names.isValid(name)) {
            // Every derived name would repeat this problem; report it alone.
            planner.problem(name, "@Prefix is not a valid variable name; use letters, digits and '_'");
            return new Plan(null, planner.problems);
        }
        RecordNode node = planner.record(type, name, false, type.getSimpleName(), annotations);
        return new Plan(node, planner.problems);
    }

    /** The plan of element {@code prefix} of a list of records (element 0 was checked with the whole type). */
    static RecordNode element(Class<?> type, String prefix, Map<Class<?>, Function<String, ?>> converters) {
        Planner planner = new Planner(type, converters);
        planner.listDepth = 1;
        return planner.record(type, prefix, false, type.getSimpleName(), null);
    }

    /** Plans a record; {@code known} are its annotations when already read, or null. */
    private RecordNode record(Class<?> type, String prefix, boolean optional, String where, Annotations known) {
        if (path.contains(type)) {
            problem(prefix, where + " contains itself; a config type must be a tree of records");
            return null;
        }
        Constructor<?> constructor;
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] parameterTypes = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            parameterTypes[i] = components[i].getType();
        }
        try {
            constructor = type.getDeclaredConstructor(parameterTypes);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("record " + type.getName() + " has no canonical constructor", e);
        }
        if (!constructor.trySetAccessible()) {
            problem(prefix, type.getName() + " is not accessible; make it public in a package that is"
                    + " exported or opened to module io.twelvefactor.config");
        }
        path.add(type);
        Annotations annotations = known != null ? known : Annotations.of(type, components);
        Node[] nodes = new Node[components.length];
        for (int i = 0; i < components.length; i++) {
            nodes[i] = component(components[i], annotations, i, prefix,
                    type.getSimpleName() + "." + components[i].getName());
        }
        path.remove(path.size() - 1);
        String variables = prefix.isEmpty() ? root : prefix + "_*";
        String[] componentNames = new String[components.length];
        String[] unprefixedNames = new String[components.length];
        for (int i = 0; i < components.length; i++) {
            componentNames[i] = components[i].getName();
            unprefixedNames[i] = annotations.names[i] != null ? annotations.names[i] : Names.derive(componentNames[i]);
        }
        return new RecordNode(constructor, nodes, optional, variables, componentNames, unprefixedNames);
    }

    private Node component(RecordComponent component, Annotations annotations, int index, String prefix, String where) {
        String exact = annotations.names[index];
        String name = exact == null ? Names.join(prefix, Names.derive(component.getName())) : exact;
        if (exact != null && listDepth > 0) {
            problem(name, "@Name on " + where + " cannot be used in a record bound as a list element");
        } else if (!Names.isValid(name)) {
            problem(name, where + " gives an invalid variable name; use @Name with letters, digits and '_'");
        }
        String literal = annotations.defaults[index];
        Type type = component.getGenericType();
        Class<?> raw = component.getType();
        boolean optional = raw == Optional.class;
        Type inner = optional ? argument(type, 0) : type;
        Class<?> innerRaw = rawClass(inner);
        boolean nested = isNested(innerRaw);
        if (nested || raw == List.class && isNested(rawClass(argument(type, 0)))) {
            if (literal != null) {
                problem(name, "@Default on " + where + " cannot apply to a nested record; put defaults on its components");
            }
            if (nested) {
                return record(innerRaw, name, optional, where, null);
            }
            Class<?> element = rawClass(argument(type, 0));
            listDepth++;
            RecordNode first = record(element, name + "_0", false, where, null);
            listDepth--;
            return first == null ? null : new RecordList(name, element, converters, first);
        }
        Leaf leaf = leaf(name, type, where, annotations.descriptions[index], annotations, index);
        if (leaf == null) {
            return null;
        }
        register(name, where);
        if (literal != null) {
            String problem = leaf.setDefault(literal);
            if (problem != null) {
                problems.add(new ConfigException.Problem(name, "@Default of " + where, problem));
            }
        }
        return leaf;
    }

    private Leaf leaf(String name, Type type, String where, String description, Annotations annotations, int index) {
        Type t = type;
        boolean optional = rawClass(t) == Optional.class;
        if (optional) {
            t = argument(t, 0);
        }
        boolean secret = rawClass(t) == Secret.class;
        if (secret) {
            t = argument(t, 0);
        }
        Class<?> raw = rawClass(t);
        int shape = raw == List.class ? Leaf.LIST : raw == Set.class ? Leaf.SET : raw == Map.class ? Leaf.MAP : Leaf.SCALAR;
        if (shape == Leaf.MAP && argument(t, 0) != String.class) {
            problem(name, where + " is a Map whose keys are not String; only Map<String, T> can be bound");
            return null;
        }
        Type element = shape == Leaf.SCALAR ? t : argument(t, shape == Leaf.MAP ? 1 : 0);
        Scalar scalar = element instanceof Class ? Scalar.of((Class<?>) element, converters) : null;
        if (scalar == null) {
            problem(name, where + " has type " + type.getTypeName() + ", which cannot be bound: expected String, a"
                    + " number, boolean, enum, Duration, URI, Path, a type with a public static valueOf(String),"
                    + " of(String) or parse(String) method or a public String constructor (or a registered"
                    + " converter), Optional, Secret, List, Set or Map<String, T> of those, or a record");
            return null;
        }
        if (annotations.ranged[index]) {
            long min = annotations.mins[index];
            long max = annotations.maxes[index];
            Scalar narrowed = scalar.narrowed(min, max);
            if (narrowed == null) {
                problem(name, "@Range on " + where + " applies only to integer types (int, long, short, byte)");
                return null;
            }
            if (min > max) {
                problem(name, "@Range on " + where + " has min " + min + " above max " + max);
                return null;
            }
            scalar = narrowed;
        }
        return new Leaf(name, scalar, shape, optional, secret, description);
    }

    private void register(String name, String where) {
        String file = name + "_FILE";
        String clash = names.get(name);
        if (clash == null) {
            clash = names.get(file);
        }
        if (clash != null) {
            problem(name, "is read by both " + clash + " and " + where + "; rename one or give it @Name");
            return;
        }
        names.put(name, where);
        names.put(file, "the file variant of " + name + " (" + where + ")");
    }

    private void problem(String variable, String message) {
        problems.add(new ConfigException.Problem(variable.isEmpty() ? root : variable, "config type " + root, message));
    }

    /** A record without a text form (a parse method or converter) is bound component by component. */
    private boolean isNested(Class<?> type) {
        return type != null && type.isRecord() && Scalar.of(type, converters) == null;
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class) {
            return (Class<?>) type;
        }
        return type instanceof ParameterizedType ? (Class<?>) ((ParameterizedType) type).getRawType() : null;
    }

    private static Type argument(Type type, int index) {
        return type instanceof ParameterizedType ? ((ParameterizedType) type).getActualTypeArguments()[index] : Object.class;
    }
}
