package io.twelvefactor.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The value a record component takes when its variable is unset (or empty, for every type but
 * {@code String}). The literal is parsed exactly like a value from the environment, once, when
 * the binding plan is built: a literal that does not parse is a plan error, reported even when
 * the variable is set. A component with a default is not required.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Default {
    /**
     * The default, written as it would be in the environment, for example {@code "30s"}.
     *
     * @return the literal
     */
    String value();
}
