package io.twelvefactor.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a variable means, for the operator. Shown by {@link Env#describe(Class)} in the Markdown
 * table and the {@code .env.example}; it has no effect on binding.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Description {
    /**
     * One sentence, for example {@code "Port the HTTP server listens on."}.
     *
     * @return the description
     */
    String value();
}
