package io.twelvefactor.lifecycle;

import java.lang.invoke.MethodHandles;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The operating system's SIGTERM, SIGINT and SIGHUP, through {@code sun.misc.Signal} of the
 * {@code jdk.unsupported} module. Our handler is a class written out as bytes
 * ({@link #HANDLER_CLASS}) and defined at run time, and it is also our one door to
 * {@code sun.misc}: javac's "internal proprietary API" warning for any reference to it in
 * source is one that no annotation suppresses and {@code -Werror} turns into an error, and
 * reflection would cost more at startup. A handler installed before ours by the application
 * is chained to, on a thread of its own and counted in flight under a name like a job: the
 * drain waits for it, and the summary names it if it is still running when the drain ends.
 * The JDK's own handler (which would call {@code System.exit}) is not chained to.
 *
 * <p>One instance per signal handled: what our handler of that signal does.
 */
final class PosixSignals {

    static final String[] NAMES = {"TERM", "INT", "HUP"};

    private static final System.Logger LOG = Coordinator.LOG;

    private final String name;
    private final Consumer<String> handler;
    /** Our {@code sun.misc.SignalHandler} for this signal, as the door that calls another handler. */
    private BiConsumer<Object, Object> chain;
    /** The handler ours replaced. */
    volatile Object previous;

    PosixSignals(String name, Consumer<String> handler) {
        this.name = name;
        this.handler = handler;
    }

    /**
     * Calls {@code handler} for each SIGTERM, SIGINT and SIGHUP, as {@link SignalSource#subscribe}
     * says; not a {@link SignalSource} itself, so that install() does not load that interface.
     */
    @SuppressWarnings("unchecked") // the class written out below implements these interfaces
    static void subscribe(Consumer<String> handler) {
        Constructor<?> newHandler;
        try {
            newHandler = handlerType().getDeclaredConstructor(PosixSignals.class);
        } catch (ReflectiveOperationException | LinkageError e) {
            LOG.log(System.Logger.Level.WARNING, "sun.misc.Signal is not available (is the jdk.unsupported module"
                    + " in this runtime?); SIGTERM, SIGINT and SIGHUP fall back to the JVM's shutdown hook", e);
            return;
        }
        for (String name : NAMES) {
            PosixSignals relay = new PosixSignals(name, handler);
            try {
                Object ours = newHandler.newInstance(relay);
                relay.chain = (BiConsumer<Object, Object>) ours;
                Object previous = ((Function<Object, Object>) ours).apply(name);
                relay.previous = previous;
                if (((Predicate<Object>) ours).test(previous)) {
                    LOG.log(System.Logger.Level.WARNING, "SIG" + name + " is ignored by this process (inherited from"
                            + " its parent, as under nohup or a non-interactive shell's background job); SIG" + name
                            + " will not start a graceful shutdown");
                }
            } catch (Throwable e) {
                // tested with instanceof, not caught by type: verifying this class then loads no exception class
                if (e instanceof IllegalArgumentException) {
                    LOG.log(System.Logger.Level.WARNING, "cannot handle SIG" + name + " (" + e.getMessage()
                            + "; the JVM runs with -Xrs?); SIG" + name + " will stop the process without the graceful"
                            + " shutdown");
                } else {
                    LOG.log(System.Logger.Level.WARNING, "cannot handle SIG" + name, e);
                }
            }
        }
    }

    /** Called by our handler, on the thread the JDK starts for each signal. */
    void handle(Object signal) {
        Object before = previous;
        // ours runs the whole shutdown on this thread, so a handler installed
        // before ours gets a thread of its own
        if (before != null && !before.getClass().getName().startsWith("sun.misc.")) {
            Runnable call = new Chained(chain, before, signal, name);
            if (handler instanceof Defaults.ToCoordinator) {   // always so, from install()
                call = ((Defaults.ToCoordinator) handler).inFlight(call, "SIG" + name + " handler installed before ours");
            }
            new Thread(call, "SIG" + name + " handler (chained)").start();
        }
        handler.accept(name); // no sun.misc here: Signal.getName would be slow the first time
    }

    @Override
    public String toString() {
        return "twelvefactor-lifecycle SIG" + name + " handler";
    }

    /** The binary name of the class {@link #HANDLER_CLASS} describes. */
    static final String HANDLER = "io.twelvefactor.lifecycle.PosixSignals$Handler";

    /** That class once defined, or null; a class loader takes a name only once. */
    private static Class<?> handlerType;

    static synchronized Class<?> handlerType() throws IllegalAccessException {
        if (handlerType == null) {
            handlerType = MethodHandles.lookup().defineClass(HANDLER_CLASS.getBytes(StandardCharsets.ISO_8859_1));
        }
        return handlerType;
    }

    /**
     * The class file of our {@code sun.misc.SignalHandler}, as bytes (one char each) because
     * javac cannot compile it without the warning (see above); it is this class, in this package:
     *
     * <pre>{@code
     * final class PosixSignals$Handler implements sun.misc.SignalHandler,
     *         Function<Object, Object>, Predicate<Object>, BiConsumer<Object, Object> {
     *     private final PosixSignals relay;
     *     PosixSignals$Handler(PosixSignals relay) { this.relay = relay; }
     *     public void handle(Signal signal) { relay.handle(signal); }
     *     public String toString() { return relay.toString(); }
     *     // installs this handler for a signal by name; returns the handler it replaced
     *     public Object apply(Object name) { return Signal.handle(new Signal((String) name), this); }
     *     // whether a handler is SIG_IGN, the signal ignored
     *     public boolean test(Object handler) { return handler == SignalHandler.SIG_IGN; }
     *     // calls another handler
     *     public void accept(Object handler, Object signal) { ((SignalHandler) handler).handle((Signal) signal); }
     * }
     * }</pre>
     *
     * The test's {@code HandlerClassFile} writes it out instruction by instruction, commented,
     * and checks that these bytes are what it writes (and prints them anew when they are not).
     * Defined with {@link MethodHandles.Lookup#defineClass}, it costs a fraction of a
     * millisecond; a {@link java.lang.invoke.LambdaMetafactory} class, as for a lambda, cost
     * milliseconds of method-handle spinning at startup, a {@link java.lang.reflect.Proxy}
     * several times more, reaching {@code Signal} reflectively (methods looked up, a field
     * accessor made) about a millisecond, and writing the bytes out at startup most of one.
     */
    static final String HANDLER_CLASS =
            "\312\376\272\276\0\0\0004\09\1\0.io/twelvefactor/lifecycle/PosixSignals$Handler\7\0\1\1\0\20java"
            + "/lang/Object\7\0\3\1\0\26sun/misc/SignalHandler\7\0\5\1\0&io/twelvefactor/lifecycle/PosixSignals"
            + "\7\0\7\1\0\5relay\1\0(Lio/twelvefactor/lifecycle/PosixSignals;\1\0\6<init>\1\0\3()V\1\0+(Lio/twe"
            + "lvefactor/lifecycle/PosixSignals;)V\1\0\6handle\1\0\24(Lsun/misc/Signal;)V\1\0\25(Ljava/lang/Obj"
            + "ect;)V\1\0\10toString\1\0\24()Ljava/lang/String;\1\0\4Code\14\0\13\0\14\12\0\4\0\24\14\0\11\0\12"
            + "\11\0\2\0\26\14\0\16\0\20\12\0\10\0\30\14\0\21\0\22\12\0\10\0\32\1\0\34java/util/function/Predic"
            + "ate\7\0\34\1\0\4test\1\0\25(Ljava/lang/Object;)Z\1\0\7SIG_IGN\1\0\30Lsun/misc/SignalHandler;\14"
            + "\0 \0!\11\0\6\0\"\1\0\15StackMapTable\1\0\33java/util/function/Function\7\0%\1\0\35java/util/fun"
            + "ction/BiConsumer\7\0'\1\0\5apply\1\0&(Ljava/lang/Object;)Ljava/lang/Object;\1\0\6accept\1\0'(Lja"
            + "va/lang/Object;Ljava/lang/Object;)V\1\0\17sun/misc/Signal\7\0-\1\0\20java/lang/String\7\0/\1\0"
            + "\25(Ljava/lang/String;)V\14\0\13\0001\12\0.\0002\1\0C(Lsun/misc/Signal;Lsun/misc/SignalHandler;)"
            + "Lsun/misc/SignalHandler;\14\0\16\0004\12\0.\0005\14\0\16\0\17\13\0\6\0007\0000\0\2\0\4\0\4\0\6\0"
            + "&\0\35\0(\0\1\0\22\0\11\0\12\0\0\0\6\0\0\0\13\0\15\0\1\0\23\0\0\0\26\0\2\0\2\0\0\0\12*\267\0\25*"
            + "+\265\0\27\261\0\0\0\0\0\1\0\16\0\17\0\1\0\23\0\0\0\25\0\2\0\2\0\0\0\11*\264\0\27+\266\0\31\261"
            + "\0\0\0\0\0\1\0\21\0\22\0\1\0\23\0\0\0\24\0\1\0\1\0\0\0\10*\264\0\27\266\0\33\260\0\0\0\0\0\1\0)"
            + "\0*\0\1\0\23\0\0\0\34\0\3\0\2\0\0\0\20\273\0.Y+\300\0000\267\0003*\270\0006\260\0\0\0\0\0\1\0\36"
            + "\0\37\0\1\0\23\0\0\0 \0\2\0\2\0\0\0\13+\262\0#\246\0\5\4\254\3\254\0\0\0\1\0$\0\0\0\3\0\1\11\0\1"
            + "\0+\0,\0\1\0\23\0\0\0\32\0\2\0\3\0\0\0\16+\300\0\6,\300\0.\271\08\2\0\261\0\0\0\0\0\0";

    /** Runs a handler installed before ours; a named class, as lambdas are slow the first time. */
    private static final class Chained implements Runnable {
        private final BiConsumer<Object, Object> chain;
        private final Object previous;
        private final Object signal;
        private final String name;

        Chained(BiConsumer<Object, Object> chain, Object previous, Object signal, String name) {
            this.chain = chain;
            this.previous = previous;
            this.signal = signal;
            this.name = name;
        }

        /**
         * Calls the handler the application installed before us. The JDK's own (SIG_DFL, SIG_IGN
         * and its System.exit handler, all classes of sun.misc) are never chained to.
         */
        @Override
        public void run() {
            try {
                chain.accept(previous, signal);
            } catch (RuntimeException | Error e) {
                LOG.log(System.Logger.Level.WARNING, "the SIG" + name + " handler installed before ours failed", e);
            }
        }
    }
}
