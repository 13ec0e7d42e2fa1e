package io.twelvefactor.lifecycle;

import java.lang.invoke.LambdaConversionException;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.function.Consumer;

/**
 * The operating system's SIGTERM, SIGINT and SIGHUP, through {@code sun.misc.Signal} of the
 * {@code jdk.unsupported} module. Reached reflectively: a direct reference draws javac's
 * "internal proprietary API" warning, which no annotation suppresses and {@code -Werror}
 * turns into an error. A handler installed before ours by the application is chained to, on a
 * thread of its own and counted in flight under a name like a job: the drain waits for it, and
 * the summary names it if it is still running when the drain ends. The JDK's own handler
 * (which would call {@code System.exit}) is not chained to.
 */
final class PosixSignals implements SignalSource {

    static final String[] NAMES = {"TERM", "INT", "HUP"};

    private static final System.Logger LOG = Coordinator.LOG;

    @Override
    public void subscribe(Consumer<String> handler) {
        Method handle;
        Method chained;
        Class<?> signalClass;
        Object ignored;
        MethodHandle newHandler;
        try {
            signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            handle = signalClass.getMethod("handle", signalClass, handlerClass);
            chained = handlerClass.getMethod("handle", signalClass);
            ignored = handlerClass.getField("SIG_IGN").get(null);
            newHandler = handlerFactory(signalClass, handlerClass);
        } catch (ReflectiveOperationException | LinkageError e) {
            LOG.log(System.Logger.Level.WARNING, "sun.misc.Signal is not available (is the jdk.unsupported module"
                    + " in this runtime?); SIGTERM, SIGINT and SIGHUP fall back to the JVM's shutdown hook", e);
            return;
        }
        for (String name : NAMES) {
            Relay relay = new Relay(name, handler, chained);
            try {
                Object ours = newHandler.invoke(relay);
                relay.previous = handle.invoke(null, signalClass.getConstructor(String.class).newInstance(name), ours);
                if (relay.previous == ignored) {
                    LOG.log(System.Logger.Level.WARNING, "SIG" + name + " is ignored by this process (inherited from"
                            + " its parent, as under nohup or a non-interactive shell's background job); SIG" + name
                            + " will not start a graceful shutdown");
                }
            } catch (InvocationTargetException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot handle SIG" + name + " (" + e.getCause().getMessage()
                        + "; the JVM runs with -Xrs?); SIG" + name + " will stop the process without the graceful"
                        + " shutdown");
            } catch (Throwable e) {
                LOG.log(System.Logger.Level.WARNING, "cannot handle SIG" + name, e);
            }
        }
    }

    /**
     * A factory of {@code sun.misc.SignalHandler}s, each calling {@link Relay#handle} of the relay
     * it is made with: a class spun by {@link LambdaMetafactory}, as for a lambda, since the
     * interface cannot be named in source without the warning. A {@link java.lang.reflect.Proxy}
     * would do too, at several times the startup cost: it generates its class and defines a
     * module for it.
     */
    private static MethodHandle handlerFactory(Class<?> signalClass, Class<?> handlerClass)
            throws ReflectiveOperationException {
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        MethodType handleType = MethodType.methodType(void.class, signalClass);
        try {
            return LambdaMetafactory.metafactory(lookup, "handle", MethodType.methodType(handlerClass, Relay.class),
                    handleType, lookup.findVirtual(Relay.class, "handle", MethodType.methodType(void.class, Object.class)),
                    handleType).getTarget();
        } catch (LambdaConversionException e) {
            throw new NoSuchMethodException("sun.misc.SignalHandler.handle(Signal): " + e.getMessage());
        }
    }

    /** What our handler of one signal does; {@code previous} is the handler it replaced. */
    static final class Relay {
        private final String name;
        private final Consumer<String> handler;
        private final Method chained;
        volatile Object previous;

        Relay(String name, Consumer<String> handler, Method chained) {
            this.name = name;
            this.handler = handler;
            this.chained = chained;
        }

        /** Called by the JDK on a thread of its own for each signal. */
        void handle(Object signal) {
            Object before = previous;
            // ours runs the whole shutdown on this thread, so a handler installed
            // before ours gets a thread of its own
            if (before != null && !before.getClass().getName().startsWith("sun.misc.")) {
                Runnable call = new Chained(before, chained, signal, name);
                if (handler instanceof Defaults.ToCoordinator) {   // always so, from install()
                    call = ((Defaults.ToCoordinator) handler).inFlight(call, "SIG" + name + " handler installed before ours");
                }
                new Thread(call, "SIG" + name + " handler (chained)").start();
            }
            handler.accept(name); // no reflection here: Signal.getName would be slow the first time
        }

        @Override
        public String toString() {
            return "twelvefactor-lifecycle SIG" + name + " handler";
        }
    }

    /** Runs a handler installed before ours; a named class, as lambdas are slow the first time. */
    private static final class Chained implements Runnable {
        private final Object previous;
        private final Method handle;
        private final Object signal;
        private final String name;

        Chained(Object previous, Method handle, Object signal, String name) {
            this.previous = previous;
            this.handle = handle;
            this.signal = signal;
            this.name = name;
        }

        @Override
        public void run() {
            chain(previous, handle, signal, name);
        }
    }

    /**
     * Calls a handler the application installed before us. The JDK's own (SIG_DFL, SIG_IGN and
     * its System.exit handler, all classes of sun.misc) are never chained to.
     */
    private static void chain(Object previous, Method handle, Object signal, String name) {
        try {
            handle.invoke(previous, signal);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "the SIG" + name + " handler installed before ours failed", e);
        }
    }
}
