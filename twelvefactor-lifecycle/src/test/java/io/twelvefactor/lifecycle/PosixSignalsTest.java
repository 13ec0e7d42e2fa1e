package io.twelvefactor.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class PosixSignalsTest {

    /** The hand-written class file: a SignalHandler that hands the signal to its relay, and says so in toString. */
    @Test
    void theWrittenOutHandlerClassIsASignalHandlerThatCallsItsRelay() throws Exception {
        Class<?> signalClass = Class.forName("sun.misc.Signal");
        Class<?> handlerInterface = Class.forName("sun.misc.SignalHandler");
        List<String> received = new ArrayList<>();
        PosixSignals.Relay relay = new PosixSignals.Relay("TERM", received::add, null);

        Class<?> type = PosixSignals.handlerType();
        Object handler = type.getDeclaredConstructor(PosixSignals.Relay.class).newInstance(relay);
        handlerInterface.getMethod("handle", signalClass)
                .invoke(handler, signalClass.getConstructor(String.class).newInstance("TERM"));

        assertEquals(PosixSignals.HANDLER, type.getName());
        assertTrue(handlerInterface.isAssignableFrom(type), type + " implements " + handlerInterface);
        assertEquals(List.of("TERM"), received);
        assertEquals("twelvefactor-lifecycle SIGTERM handler", handler.toString());
        assertEquals(type, PosixSignals.handlerType(), "defined once");
    }

    /** It tells SIG_IGN (the signal ignored, as under nohup) from any other handler, itself included. */
    @Test
    @SuppressWarnings("unchecked")
    void theWrittenOutHandlerClassTellsSigIgnApart() throws Exception {
        Class<?> handlerInterface = Class.forName("sun.misc.SignalHandler");
        Object handler = PosixSignals.handlerType().getDeclaredConstructor(PosixSignals.Relay.class)
                .newInstance(new PosixSignals.Relay("HUP", signal -> { }, null));
        Predicate<Object> isIgnore = (Predicate<Object>) handler;

        assertTrue(isIgnore.test(handlerInterface.getField("SIG_IGN").get(null)));
        assertFalse(isIgnore.test(handlerInterface.getField("SIG_DFL").get(null)));
        assertFalse(isIgnore.test(handler));
        assertFalse(isIgnore.test(null));
    }
}
