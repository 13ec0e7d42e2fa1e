package io.twelvefactor.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The class file {@link PosixSignals#HANDLER_CLASS}: the bytes, and each of its methods. */
class PosixSignalsTest {

    private static Object handler(String name, List<String> received) throws Exception {
        return PosixSignals.handlerType().getDeclaredConstructor(PosixSignals.class)
                .newInstance(new PosixSignals(name, received::add));
    }

    private static Object signal(String name) throws Exception {
        return Class.forName("sun.misc.Signal").getConstructor(String.class).newInstance(name);
    }

    @Test
    void theBytesAreTheClassFileThatHandlerClassFileWrites() {
        byte[] written = HandlerClassFile.write();
        assertEquals(HandlerClassFile.javaLiteral(written),
                HandlerClassFile.javaLiteral(PosixSignals.HANDLER_CLASS.getBytes(StandardCharsets.ISO_8859_1)),
                "after a change to HandlerClassFile, PosixSignals.HANDLER_CLASS is the expected literal above");
    }

    @Test
    void itIsASignalHandlerThatHandsTheSignalToItsRelay() throws Exception {
        Class<?> handlerInterface = Class.forName("sun.misc.SignalHandler");
        List<String> received = new ArrayList<>();
        Object handler = handler("TERM", received);

        handlerInterface.getMethod("handle", Class.forName("sun.misc.Signal")).invoke(handler, signal("TERM"));

        assertEquals(PosixSignals.HANDLER, handler.getClass().getName());
        assertTrue(handlerInterface.isInstance(handler), handler.getClass() + " implements " + handlerInterface);
        assertEquals(List.of("TERM"), received);
        assertEquals("twelvefactor-lifecycle SIGTERM handler", handler.toString());
        assertSame(PosixSignals.handlerType(), PosixSignals.handlerType(), "defined once");
    }

    @Test
    @SuppressWarnings("unchecked")
    void itTellsSigIgnFromAnyOtherHandler() throws Exception {
        Class<?> handlerInterface = Class.forName("sun.misc.SignalHandler");
        Object handler = handler("HUP", new ArrayList<>());
        Predicate<Object> isIgnore = (Predicate<Object>) handler;

        assertTrue(isIgnore.test(handlerInterface.getField("SIG_IGN").get(null)));
        assertFalse(isIgnore.test(handlerInterface.getField("SIG_DFL").get(null)));
        assertFalse(isIgnore.test(handler));
        assertFalse(isIgnore.test(null));
    }

    @Test
    @SuppressWarnings("unchecked")
    void itCallsAnotherHandler() throws Exception {
        List<String> received = new ArrayList<>();
        Object other = handler("INT", received);
        BiConsumer<Object, Object> chain = (BiConsumer<Object, Object>) handler("TERM", new ArrayList<>());

        chain.accept(other, signal("INT"));

        assertEquals(List.of("INT"), received);
    }

    /** SIGWINCH, which neither the JVM nor the tests use; its handler is put back at the end. */
    @Test
    @SuppressWarnings("unchecked")
    void itInstallsItselfForASignalByNameAndReturnsTheHandlerItReplaced() throws Exception {
        Class<?> signalClass = Class.forName("sun.misc.Signal");
        Class<?> handlerInterface = Class.forName("sun.misc.SignalHandler");
        Object ours = handler("WINCH", new ArrayList<>());

        Object previous = ((Function<Object, Object>) ours).apply("WINCH");
        Object replaced = signalClass.getMethod("handle", signalClass, handlerInterface)
                .invoke(null, signal("WINCH"), previous);

        assertSame(ours, replaced, "ours was installed");
        assertTrue(handlerInterface.isInstance(previous));
    }
}
