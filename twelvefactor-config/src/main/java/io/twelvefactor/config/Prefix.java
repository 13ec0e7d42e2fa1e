package io.twelvefactor.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A prefix for every variable a config record reads: with {@code @Prefix("APP")}, component
 * {@code db} of a nested record with component {@code url} reads {@code APP_DB_URL}. It is read
 * on the type passed to {@link Env#bind(Class)} or {@link Env#describe(Class)}; on a record used
 * as a nested component it has no effect, because there the enclosing component names the
 * variables. Components with {@link Name} are not prefixed.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Prefix {
    /**
     * The prefix without the trailing underscore, for example {@code "APP"}.
     *
     * @return the prefix
     */
    String value();
}
