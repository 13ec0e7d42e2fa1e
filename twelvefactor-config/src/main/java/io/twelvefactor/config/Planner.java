package io.twelvefactor.config;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
    /** Each named group (a Map of records) planned so far: its name and the component. */
    private final LinkedHashMap<String, String> groups = new LinkedHashMap<>();
    private int listDepth;
    /** Whether this planner plans the value record of a Map of records. */
    private boolean inGroup;
    /** The jar class files are read from, open for one plan; shared with the planners it starts. */
    private ClassFiles jars = new ClassFiles();
    /** The annotations (and components) of each record read so far; shared likewise. */
    private HashMap<Class<?>, Annotations> read = new HashMap<>();

    private Planner(Class<?> type, Map<Class<?>, Function<String, ?>> converters) {
        this(type.getSimpleName(), converters);
    }

    private Planner(String root, Map<Class<?>, Function<String, ?>> converters) {
        this.converters = converters;
        this.root = root;
    }

    /** The plan of a config type; its problems are thrown by {@link Plan#bind} and {@link Plan#describe}. */
    static Plan plan(Class<?> type, Map<Class<?>, Function<String, ?>> converters) {
        if (!type.isRecord()) {
            throw new IllegalArgumentException(type.getName() + " is not a record; declare the configuration as a record");
        }
        Planner planner = new Planner(type, converters);
        try {
            return planner.plan(type);
        } finally {
            planner.jars.close();
        }
    }

    private Plan plan(Class<?> type) {
        Annotations annotations = annotations(type);
        String prefix = annotations.prefix;
        String name = prefix == null ? "" : prefix;
        if (prefix != null && !Names.isValid(name)) {
            // Every derived name would repeat this problem; report it alone.
            problem(name, "@Prefix is not a valid variable name; use letters, digits and '_'");
            return new Plan(null, problems);
        }
        RecordNode node = record(type, name, false, type.getSimpleName());
        // most configs have no named group: skip iterating the empty map (its iterator classes
        // are not in the JDK's class-data archive)
        List<String> groupPrefixes = groups.isEmpty() ? List.of() : checkGroups();
        Unread unread = prefix == null ? null : new Unread(prefix, type.getSimpleName(),
                java.util.Set.copyOf(names.keySet()), groupPrefixes);
        return new Plan(node, problems, unread);
    }

    /** The plan of element {@code prefix} of a list of records (element 0 was checked with the whole type). */
    static RecordNode element(Class<?> type, String prefix, Map<Class<?>, Function<String, ?>> converters) {
        Planner planner = new Planner(type, converters);
        planner.listDepth = 1;
        try {
            return planner.record(type, prefix, false, type.getSimpleName());
        } finally {
            planner.jars.close();
        }
    }

    /** The annotations and components of a record, read once per plan. */
    private Annotations annotations(Class<?> type) {
        Annotations a = read.get(type);
        if (a == null) {
            a = Annotations.of(type, type.getRecordComponents(), jars);
            read.put(type, a);
        }
        return a;
    }

    /** Plans a record. */
    private RecordNode record(Class<?> type, String prefix, boolean optional, String where) {
        if (path.contains(type)) {
            problem(prefix, where + " contains itself; a config type must be a tree of records");
            return null;
        }
        Constructor<?> constructor;
        Annotations annotations = annotations(type);
        RecordComponent[] components = annotations.components;
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
            problem(name, "@Name on " + where + " cannot be used in a record bound as a list element or map value");
        } else if (!Names.isValid(name)) {
            problem(name, where + " gives an invalid variable name; use @Name with letters, digits and '_'");
        }
        String literal = annotations.defaults[index];
        Type type = Generic.of(component);
        Class<?> raw = component.getType();
        boolean optional = raw == Optional.class;
        Type inner = optional ? argument(type, 0) : type;
        Class<?> innerRaw = rawClass(inner);
        boolean nested = isNested(innerRaw);
        if (annotations.deprecatedNames[index] != null && (nested
                || raw == List.class && isNested(rawClass(argument(type, 0)))
                || raw == Map.class && isNested(rawClass(argument(type, 1))))) {
            problem(name, "@DeprecatedName on " + where + " cannot apply to a record, or a list or map of records;"
                    + " put it on their components");
        }
        if (raw == Map.class && argument(type, 0) == String.class && isNested(rawClass(argument(type, 1)))) {
            if (literal != null) {
                problem(name, "@Default on " + where + " cannot apply to a Map of records; put defaults on its components");
            }
            if (listDepth > 0) {
                problem(name, where + " is a Map of records inside a list element or map value, which cannot be bound;"
                        + " move it to the enclosing record");
                return null;
            }
            return recordMap(name, rawClass(argument(type, 1)), where);
        }
        if (nested || raw == List.class && isNested(rawClass(argument(type, 0)))) {
            if (literal != null) {
                problem(name, "@Default on " + where + " cannot apply to a nested record; put defaults on its components");
            }
            if (nested) {
                return record(innerRaw, name, optional, where);
            }
            Class<?> element = rawClass(argument(type, 0));
            if (inGroup) {
                problem(name, where + " is a List of records inside the value of a Map of records, which cannot be"
                        + " bound; use a Map of records for it in the enclosing record");
                return null;
            }
            listDepth++;
            RecordNode first = record(element, name + "_0", false, where);
            listDepth--;
            return first == null ? null : RecordList.of(name, element, converters, first);
        }
        String old = annotations.deprecatedNames[index];
        Leaf leaf = leaf(name, type, where, annotations.descriptions[index], annotations, index);
        if (leaf == null) {
            return null;
        }
        register(name, where);
        if (old != null) {
            if (listDepth > 0) {
                problem(old, "@DeprecatedName on " + where + " cannot be used in a record bound as a list element or map value");
            } else if (!Names.isValid(old)) {
                problem(old, "@DeprecatedName on " + where + " is not a valid variable name; use letters, digits and '_'");
            } else {
                register(old, where + " (its deprecated name)");
                leaf.deprecatedName(old);
            }
        }
        if (literal != null) {
            String problem = leaf.setDefault(literal);
            if (problem != null) {
                problems.add(new ConfigException.Problem(name, "@Default of " + where, problem));
            }
        }
        return leaf;
    }

    /** A named group: the value record is planned once as entry {@code NAME} to find its variables. */
    private Node recordMap(String name, Class<?> valueType, String where) {
        Planner entry = new Planner(root, converters);
        entry.jars = jars;
        entry.read = read;
        entry.listDepth = 1;
        entry.inGroup = true;
        entry.path.addAll(path);
        String templatePrefix = name + "_" + RecordMap.TEMPLATE_KEY;
        RecordNode template = entry.record(valueType, templatePrefix, false, where);
        problems.addAll(entry.problems);
        if (template == null || !entry.problems.isEmpty()) {
            return null;
        }
        List<String> suffixes = RecordMap.suffixes(template, templatePrefix);
        String[] clash = RecordMap.ambiguity(suffixes);
        if (clash != null) {
            String longer = clash[0];
            String keyPart = longer.substring(0, longer.length() - clash[1].length() - 1);
            problem(name, where + " is a Map of " + valueType.getSimpleName() + " whose variables " + longer + " and "
                    + clash[1] + " make keys ambiguous (" + name + "_A_" + longer + " would be key A or key A_"
                    + keyPart + "); rename one of the components");
            return null;
        }
        groups.put(name, where);
        return RecordMap.of(name, valueType, converters, template, suffixes);
    }

    /**
     * A named group owns every name under {@code NAME_}: no other component may read one.
     * Returns each group's {@code NAME_}, for typo detection.
     */
    private List<String> checkGroups() {
        List<String> prefixes = new ArrayList<>();
        for (Map.Entry<String, String> group : groups.entrySet()) {
            String prefix = group.getKey() + "_";
            prefixes.add(prefix);
            for (Map.Entry<String, String> read : names.entrySet()) {
                if (read.getKey().startsWith(prefix) && !read.getKey().endsWith("_FILE")) {
                    problem(read.getKey(), "is read by " + read.getValue() + ", but lies under " + group.getKey()
                            + "_<NAME>_*, the variables of " + group.getValue() + "; rename one of them");
                }
            }
            for (String other : groups.keySet()) {
                if (other.startsWith(prefix)) {
                    problem(other, "the Map of records " + groups.get(other) + " lies under " + group.getKey()
                            + "_<NAME>_*, the variables of " + group.getValue() + "; rename one of them");
                }
            }
        }
        return prefixes;
    }

    private Leaf leaf(String name, Type type, String where, String description, Annotations annotations, int index) {
        Type t = type;
        boolean optional = rawClass(t) == Optional.class;
        if (optional) {
            t = argument(t, 0);
        }
        // by name: a class literal would load Secret for every config, secrets or not
        Class<?> wrapper = rawClass(t);
        boolean secret = wrapper != null && wrapper.getName().equals("io.twelvefactor.config.Secret");
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
        if (scalar == null && element instanceof Class && Scalar.isJdk((Class<?>) element)) {
            problem(name, where + " has type " + type.getTypeName() + ", which cannot be bound: a JDK type binds only"
                    + " from the table of safe types (" + Builtin.names() + ", and String, numbers, boolean,"
                    + " Duration, URI, Path, enums), because constructing some JDK types acts on files or"
                    + " threads; register a converter with Env.builder().converter(...) for another");
            return null;
        }
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

    /**
     * A record without a text form (a parse method or converter) is bound component by
     * component. When its class file shows no text factory, {@code Scalar.of} would find none:
     * that answer skips reflection over every public method of each nested record.
     */
    private boolean isNested(Class<?> type) {
        if (type == null || !type.isRecord()) {
            return false;
        }
        if (annotations(type).textForm == Annotations.NONE && !converters.containsKey(type) && !Scalar.isJdk(type)) {
            return true;
        }
        return Scalar.of(type, converters) == null;
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
