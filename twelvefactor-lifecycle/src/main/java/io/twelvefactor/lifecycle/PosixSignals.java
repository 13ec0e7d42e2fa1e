package io.twelvefactor.lifecycle;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.function.Consumer;

/**
 * The operating system's SIGTERM, SIGINT and SIGHUP, through {@code sun.misc.Signal} of the
 * {@code jdk.unsupported} module. Reached reflectively: a direct reference draws javac's
 * "internal proprietary API" warning, which no annotation suppresses and {@code -Werror}
 * turns into an error. A handler installed before ours by the application is chained to;
 * the JDK's own handler (which would call {@code System.exit}) is not.
 */
final class PosixSignals implements SignalSource {

    static final String[] NAMES = {"TERM", "INT", "HUP"};

    private static final System.Logger LOG = System.getLogger(Shutdown.class.getName());

    @Override
    public void subscribe(Consumer<String> handler) {
        Method handle;
        Method chained;
        Class<?> signalClass;
        Class<?> handlerClass;
        Object ignored;
        try {
            signalClass = Class.forName("sun.misc.Signal");
            handlerClass = Class.forName("sun.misc.SignalHandler");
            handle = signalClass.getMethod("handle", signalClass, handlerClass);
            chained = handlerClass.getMethod("handle", signalClass);
            ignored = handlerClass.getField("SIG_IGN").get(null);
        } catch (ReflectiveOperationException | LinkageError e) {
            LOG.log(System.Logger.Level.WARNING, "sun.misc.Signal is not available (is the jdk.unsupported module"
                    + " in this runtime?); SIGTERM, SIGINT and SIGHUP fall back to the JVM's shutdown hook", e);
            return;
        }
        for (String name : NAMES) {
            Object[] previous = new Object[1];
            Object ours = Proxy.newProxyInstance(PosixSignals.class.getClassLoader(), new Class<?>[] {handlerClass},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "handle" -> {
                            // ours runs the whole shutdown on this thread, so a handler installed
                            // before ours gets a thread of its own
                            if (previous[0] != null && !previous[0].getClass().getName().startsWith("sun.misc.")) {
                                Object signal = args[0];
                                new Thread(() -> chain(previous[0], chained, signal, name),
                                        "SIG" + name + " handler (chained)").start();
                            }
                            handler.accept(name); // no reflection here: Signal.getName would be slow the first time
                            yield null;
                        }
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> "twelvefactor-lifecycle SIG" + name + " handler";
                    });
            try {
                previous[0] = handle.invoke(null, signalClass.getConstructor(String.class).newInstance(name), ours);
                if (previous[0] == ignored) {
                    LOG.log(System.Logger.Level.WARNING, "SIG" + name + " is ignored by this process (inherited from"
                            + " its parent, as under nohup or a non-interactive shell's background job); SIG" + name
                            + " will not start a graceful shutdown");
                }
            } catch (InvocationTargetException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot handle SIG" + name + " (" + e.getCause().getMessage()
                        + "; the JVM runs with -Xrs?); SIG" + name + " will stop the process without the graceful"
                        + " shutdown");
            } catch (ReflectiveOperationException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot handle SIG" + name, e);
            }
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
