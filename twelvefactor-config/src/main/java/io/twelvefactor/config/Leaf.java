package io.twelvefactor.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/** A component read from one variable: a scalar, a list, a set or a map, maybe optional or secret. */
final class Leaf extends Node {
    static final int SCALAR = 0;
    static final int LIST = 1;
    static final int SET = 2;
    static final int MAP = 3;

    final String name;
    private final String fileName;
    private final Scalar scalar;
    private final int shape;
    private final boolean optional;
    private final boolean secret;
    private final String description;
    private String defaultLiteral;
    private Object defaultValue;
    /** The {@link DeprecatedName}, or null; set at plan time. */
    private String oldName;
    private String oldFileName;

    Leaf(String name, Scalar scalar, int shape, boolean optional, boolean secret, String description) {
        this.name = name;
        this.fileName = name + "_FILE";
        this.scalar = scalar;
        this.shape = shape;
        this.optional = optional;
        this.secret = secret;
        this.description = description;
    }

    /** Sets the default from its literal, or returns the problem with it. Plan time only. */
    String setDefault(String literal) {
        if (!keepsEmpty() && Text.isBlank(literal)) {
            return "is empty; expected " + expected() + " (or remove @Default)";
        }
        try {
            defaultValue = wrap(convert(literal));
            defaultLiteral = literal;
            return null;
        } catch (Invalid e) {
            return invalid(literal, e);
        }
    }

    /** Also reads {@code old} when {@link #name} is not set, with a warning. Plan time only. */
    void deprecatedName(String old) {
        oldName = old;
        oldFileName = old + "_FILE";
    }

    @Override
    Object bind(Binding binding) {
        String raw = binding.lookup(name, fileName);
        if (raw == Binding.FAILED_LOOKUP) {
            return FAILED;
        }
        String variable = name;
        if (oldName != null) {
            String old = binding.present(oldName, oldFileName, keepsEmpty());
            if (old != null) {
                String current = binding.present(name, fileName, keepsEmpty());
                if (current != null) {
                    binding.problem(old, binding.sourceOf(old), "is set, and so is " + current
                            + ", its new name; remove " + old);
                    return FAILED;
                }
                raw = binding.lookup(oldName, oldFileName);
                if (raw == Binding.FAILED_LOOKUP) {
                    return FAILED;
                }
                variable = oldName;
                binding.warn(old, binding.source(), "is deprecated; rename it to "
                        + (old.equals(oldName) ? name : fileName));
            }
        }
        boolean blank = raw != null && !keepsEmpty() && Text.isBlank(raw);
        if (raw == null || blank) {
            if (defaultLiteral != null) {
                binding.origin(name, BoundConfig.Kind.DEFAULT);
                return defaultValue;
            }
            if (optional) {
                binding.origin(name, BoundConfig.Kind.UNSET);
                return Optional.empty();
            }
            if (shape != SCALAR) {
                binding.origin(name, BoundConfig.Kind.UNSET);
                return wrap(shape == LIST ? List.of() : shape == SET ? Collections.emptySet() : Collections.emptyMap());
            }
            binding.problem(name, blank ? binding.source() : binding.sourceOf(name),
                    (blank ? "is empty, which counts as unset, but it is required; expected "
                            : "is required but not set; expected ") + expected());
            return FAILED;
        }
        try {
            Object value = wrap(convert(raw));
            binding.origin(variable, null);
            return value;
        } catch (Invalid e) {
            binding.problem(variable, binding.source(), invalid(raw, e));
            return FAILED;
        }
    }

    @Override
    String firstPresent(Binding binding) {
        String found = binding.present(name, fileName, keepsEmpty());
        return found != null || oldName == null ? found : binding.present(oldName, oldFileName, keepsEmpty());
    }

    @Override
    void describe(List<ConfigDescription.Variable> variables) {
        String type = scalar.typeName();
        if (shape == LIST || shape == SET) {
            type = (shape == LIST ? "list of " : "set of ") + type;
        } else if (shape == MAP) {
            type = "map of string to " + type;
        }
        boolean required = defaultLiteral == null && !optional && shape == SCALAR;
        Optional<String> shown = secret ? Optional.empty() : Optional.ofNullable(defaultLiteral);
        variables.add(new ConfigDescription.Variable(name, type, shown, defaultLiteral != null, required,
                secret, Optional.ofNullable(description), expected(), oldName == null ? List.of() : List.of(oldName)));
    }

    private boolean keepsEmpty() {
        return shape == SCALAR && scalar.keepsEmpty();
    }

    private String invalid(String raw, Invalid e) {
        String reason = e.foreign ? Shown.foreign(e.getMessage(), secret ? List.of(raw) : Text.urlSecrets(raw)) : e.getMessage();
        String value = secret ? "the secret value (" + raw.length() + " characters)" : Shown.quote(raw);
        return value + " " + reason + "; expected " + expected();
    }

    String expected() {
        if (shape == SCALAR) {
            return scalar.expected();
        }
        String what = shape == MAP ? "comma-separated key=value pairs with values" : "a comma-separated list of";
        return what + " " + scalar.expected() + " (write \\, for a literal comma"
                + (shape == MAP ? ", \\= for a literal =)" : ")");
    }

    private Object wrap(Object value) {
        Object v = secret ? Secret.of(value) : value;
        return optional ? Optional.of(v) : v;
    }

    private Object convert(String raw) throws Invalid {
        if (shape == SCALAR) {
            return scalar.convert(scalar.keepsEmpty() ? raw : Text.trim(raw));
        }
        if (shape == MAP) {
            return map(raw);
        }
        List<String> parts = split(raw);
        if (shape == SET) {
            LinkedHashSet<Object> set = new LinkedHashSet<>();
            for (int i = 0; i < parts.size(); i++) {
                set.add(element(parts.get(i), i));
            }
            return Collections.unmodifiableSet(set);
        }
        Object[] list = new Object[parts.size()];
        for (int i = 0; i < list.length; i++) {
            list[i] = element(parts.get(i), i);
        }
        return List.of(list);
    }

    /** {@code k=v,k2=v2}: the first unescaped '=' ends a key; backslash escapes ',', '=' and itself. */
    private Object map(String raw) throws Invalid {
        LinkedHashMap<String, Object> map = new LinkedHashMap<>();
        StringBuilder b = new StringBuilder();
        String key = null;
        int entry = 1;
        for (int i = 0; i <= raw.length(); i++) {
            char c = i < raw.length() ? raw.charAt(i) : ',';
            if (c == '\\' && i + 1 < raw.length() && isEscapable(raw.charAt(i + 1))) {
                b.append(raw.charAt(++i));
            } else if (c == '=' && key == null) {
                key = Text.trim(b.toString());
                b.setLength(0);
            } else if (c == ',') {
                if (key == null || key.isEmpty()) {
                    throw new Invalid("has an entry that is not key=value at position " + entry);
                }
                if (map.put(key, element(b.toString(), entry - 1)) != null) {
                    throw new Invalid("has the key " + (secret ? "at position " + entry : Shown.quote(key)) + " twice");
                }
                key = null;
                b.setLength(0);
                entry++;
            } else {
                b.append(c);
            }
        }
        return Collections.unmodifiableMap(map);
    }

    private static boolean isEscapable(char c) {
        return c == ',' || c == '=' || c == '\\';
    }

    private Object element(String part, int index) throws Invalid {
        String text = Text.trim(part);
        if (text.isEmpty()) {
            throw new Invalid("has an empty element at position " + (index + 1));
        }
        try {
            return scalar.convert(text);
        } catch (Invalid e) {
            throw new Invalid("has an element at position " + (index + 1) + " that " + e.getMessage(), e.foreign);
        }
    }

    /** Splits on unescaped commas; a backslash escapes a comma or a backslash. */
    static List<String> split(String raw) {
        List<String> parts = new ArrayList<>();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length() && (raw.charAt(i + 1) == ',' || raw.charAt(i + 1) == '\\')) {
                b.append(raw.charAt(++i));
            } else if (c == ',') {
                parts.add(b.toString());
                b.setLength(0);
            } else {
                b.append(c);
            }
        }
        parts.add(b.toString());
        return parts;
    }
}
