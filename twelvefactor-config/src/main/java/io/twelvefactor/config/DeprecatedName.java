package io.twelvefactor.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An old, exact variable name a component still reads after a rename:
 * {@code @DeprecatedName("APP_DATABASE_URL") URI url} in the {@code db} record reads
 * {@code APP_DB_URL}, and {@code APP_DATABASE_URL} when that is not set. Reading the old name
 * (or its {@code _FILE} variant) works and is reported as a warning through
 * {@link Env.Builder#warnings}; setting both names is a problem. Like {@link Name}, the value
 * is exact (no {@link Prefix} is added) and cannot be used in a record bound as a list element
 * or map value. Only scalar components (not nested records) take it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface DeprecatedName {
    /**
     * The old variable name, for example {@code "APP_DATABASE_URL"}.
     *
     * @return the old name
     */
    String value();
}
