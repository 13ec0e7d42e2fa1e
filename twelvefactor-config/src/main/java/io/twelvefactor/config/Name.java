package io.twelvefactor.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The exact variable name of a record component, replacing the derived one. No {@link Prefix}
 * and no enclosing component name is added: {@code @Name("PORT") int port} reads {@code PORT}
 * however deeply the record is nested. On a component whose type is a nested record, the name
 * becomes the exact prefix of that record's variables.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Name {
    /**
     * The variable name, for example {@code "DATABASE_URL"}.
     *
     * @return the name
     */
    String value();
}
