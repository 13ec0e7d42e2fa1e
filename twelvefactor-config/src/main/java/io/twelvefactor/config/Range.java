package io.twelvefactor.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The smallest and largest value an integer component accepts ({@code int}, {@code long},
 * {@code short}, {@code byte}, their boxes, also inside {@code Optional}, {@code List},
 * {@code Set} and {@code Map}). A value outside is a problem of its own variable, and the
 * expected form the message and the variable table show is this range, not the type's:
 *
 * <pre>{@code
 * record Server(@Range(min = 0, max = 65535) @Default("8080") int port) { }
 * // PORT=http: "http" is not a whole number; expected an integer from 0 to 65535
 * }</pre>
 *
 * <p>A range on another type, or with {@code min > max}, is a plan error. Bounds beyond the
 * type's own range are narrowed to it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Range {
    /**
     * The smallest value accepted.
     *
     * @return the lower bound, inclusive; by default the type's smallest value
     */
    long min() default Long.MIN_VALUE;

    /**
     * The largest value accepted.
     *
     * @return the upper bound, inclusive; by default the type's largest value
     */
    long max() default Long.MAX_VALUE;
}
