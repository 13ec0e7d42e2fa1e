package io.twelvefactor.backing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.Test;

/**
 * What a binder such as twelvefactor-config relies on without depending on this module: a
 * public static {@code parse(String)} returning the type, whose failure is an unchecked
 * exception safe to show next to the variable's name.
 */
class BindingHookTest {

    @Test
    void parseIsThePublicStaticFactoryABinderFinds() throws Exception {
        Method parse = BackingService.class.getMethod("parse", String.class);
        assertTrue(Modifier.isStatic(parse.getModifiers()));
        assertEquals(BackingService.class, parse.getReturnType());
        assertEquals(0, parse.getExceptionTypes().length);
        Object bound = parse.invoke(null, "postgres://app:pw@db/app");
        assertEquals("db", ((BackingService) bound).host());
    }

    @Test
    void aFailureIsUncheckedAndKeepsThePasswordOut() throws Exception {
        Method parse = BackingService.class.getMethod("parse", String.class);
        InvocationTargetException e = assertThrows(InvocationTargetException.class,
                () -> parse.invoke(null, "postgres://app:hunter2#x@db/app"));
        BackingServiceException cause = assertInstanceOf(BackingServiceException.class, e.getCause());
        assertInstanceOf(RuntimeException.class, cause);
        assertFalse(cause.getMessage().contains("hunter2"), cause.getMessage());
        assertEquals("backing service URL at character 23: '#' ends the host here but an '@'"
                + " follows: if the URL has credentials, write '/', '?' and '#' in a password as"
                + " %2F, %3F and %23; anywhere else write '@' as %40", cause.getMessage());
    }
}
