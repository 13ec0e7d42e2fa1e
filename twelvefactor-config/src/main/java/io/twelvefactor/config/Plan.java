package io.twelvefactor.config;

import java.util.ArrayList;
import java.util.List;

/** The cached binding plan of one config type, or the problems that keep it from binding. Immutable. */
final class Plan {
    private final RecordNode root;
    private final List<ConfigException.Problem> problems;

    /** Typo detection under the type's {@link Prefix}, or null without one. */
    private final Unread unread;

    Plan(RecordNode root, List<ConfigException.Problem> problems) {
        this(root, problems, null);
    }

    Plan(RecordNode root, List<ConfigException.Problem> problems, Unread unread) {
        this.root = root;
        this.problems = List.copyOf(problems);
        this.unread = unread;
    }

    Object bind(Binding binding) {
        if (!problems.isEmpty()) {
            throw ConfigException.of(problems);
        }
        Object value = root.bind(binding);
        if (unread != null) {
            unread.check(binding);
        }
        List<ConfigException.Problem> found = binding.problems();
        if (!found.isEmpty()) {
            throw ConfigException.of(found);
        }
        return value;
    }

    List<ConfigDescription.Variable> describe() {
        if (!problems.isEmpty()) {
            throw ConfigException.of(problems);
        }
        List<ConfigDescription.Variable> variables = new ArrayList<>();
        root.describe(variables);
        return variables;
    }
}
