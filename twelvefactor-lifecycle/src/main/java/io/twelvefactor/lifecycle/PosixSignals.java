package io.twelvefactor.lifecycle;

import java.io.ByteArrayOutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Constructor;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The operating system's SIGTERM, SIGINT and SIGHUP, through {@code sun.misc.Signal} of the
 * {@code jdk.unsupported} module. Our handler is a class written out as bytes
 * ({@link #handlerClass()}) and defined at run time, and it is also our one door to
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

    /** The binary name of the class {@link #handlerClass()} describes. */
    static final String HANDLER = "io.twelvefactor.lifecycle.PosixSignals$Handler";

    /** That class once defined, or null; a class loader takes a name only once. */
    private static Class<?> handlerType;

    static synchronized Class<?> handlerType() throws IllegalAccessException {
        if (handlerType == null) {
            handlerType = MethodHandles.lookup().defineClass(handlerClass());
        }
        return handlerType;
    }

    /**
     * The class file of our {@code sun.misc.SignalHandler}, written out here because javac
     * cannot compile it without the warning (see above); it is this class, in this package:
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
     * Defined with {@link MethodHandles.Lookup#defineClass}, it costs a fraction of a
     * millisecond; a {@link java.lang.invoke.LambdaMetafactory} class, as for a lambda, cost
     * milliseconds of method-handle spinning at startup, a {@link java.lang.reflect.Proxy}
     * several times more, and reaching {@code Signal} reflectively (methods looked up, a field
     * accessor made) about a millisecond. One branch, so one stack map frame.
     */
    static byte[] handlerClass() {
        String relay = "io/twelvefactor/lifecycle/PosixSignals";
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        u4(out, 0xCAFEBABE);
        u2(out, 0);                              // minor version
        u2(out, 52);                             // Java 8: no nest attributes
        u2(out, 57);                             // the constant pool's size plus one
        utf8(out, HANDLER.replace('.', '/'));           // #1
        entry(out, CLASS, 1);                           // #2 this class
        utf8(out, "java/lang/Object");                  // #3
        entry(out, CLASS, 3);                           // #4 its super class
        utf8(out, "sun/misc/SignalHandler");            // #5
        entry(out, CLASS, 5);                           // #6 SignalHandler
        utf8(out, relay);                               // #7
        entry(out, CLASS, 7);                           // #8 PosixSignals
        utf8(out, "relay");                             // #9
        utf8(out, "L" + relay + ";");                   // #10
        utf8(out, "<init>");                            // #11
        utf8(out, "()V");                               // #12
        utf8(out, "(L" + relay + ";)V");                // #13
        utf8(out, "handle");                            // #14
        utf8(out, "(Lsun/misc/Signal;)V");              // #15
        utf8(out, "(Ljava/lang/Object;)V");             // #16
        utf8(out, "toString");                          // #17
        utf8(out, "()Ljava/lang/String;");              // #18
        utf8(out, "Code");                              // #19
        entry(out, NAME_AND_TYPE, 11, 12);              // #20 <init>()V
        entry(out, METHOD, 4, 20);                      // #21 Object.<init>()
        entry(out, NAME_AND_TYPE, 9, 10);               // #22 relay: PosixSignals
        entry(out, FIELD, 2, 22);                       // #23 this.relay
        entry(out, NAME_AND_TYPE, 14, 16);              // #24 handle(Object)
        entry(out, METHOD, 8, 24);                      // #25 PosixSignals.handle(Object)
        entry(out, NAME_AND_TYPE, 17, 18);              // #26 toString()
        entry(out, METHOD, 8, 26);                      // #27 PosixSignals.toString()
        utf8(out, "java/util/function/Predicate");      // #28
        entry(out, CLASS, 28);                          // #29 Predicate
        utf8(out, "test");                              // #30
        utf8(out, "(Ljava/lang/Object;)Z");             // #31
        utf8(out, "SIG_IGN");                           // #32
        utf8(out, "Lsun/misc/SignalHandler;");          // #33
        entry(out, NAME_AND_TYPE, 32, 33);              // #34 SIG_IGN: SignalHandler
        entry(out, FIELD, 6, 34);                       // #35 SignalHandler.SIG_IGN
        utf8(out, "StackMapTable");                     // #36
        utf8(out, "java/util/function/Function");       // #37
        entry(out, CLASS, 37);                          // #38 Function
        utf8(out, "java/util/function/BiConsumer");     // #39
        entry(out, CLASS, 39);                          // #40 BiConsumer
        utf8(out, "apply");                             // #41
        utf8(out, "(Ljava/lang/Object;)Ljava/lang/Object;"); // #42
        utf8(out, "accept");                            // #43
        utf8(out, "(Ljava/lang/Object;Ljava/lang/Object;)V"); // #44
        utf8(out, "sun/misc/Signal");                   // #45
        entry(out, CLASS, 45);                          // #46 Signal
        utf8(out, "java/lang/String");                  // #47
        entry(out, CLASS, 47);                          // #48 String
        utf8(out, "(Ljava/lang/String;)V");             // #49
        entry(out, NAME_AND_TYPE, 11, 49);              // #50 <init>(String)
        entry(out, METHOD, 46, 50);                     // #51 Signal.<init>(String)
        utf8(out, "(Lsun/misc/Signal;Lsun/misc/SignalHandler;)Lsun/misc/SignalHandler;"); // #52
        entry(out, NAME_AND_TYPE, 14, 52);              // #53 handle(Signal, SignalHandler)
        entry(out, METHOD, 46, 53);                     // #54 static Signal.handle(Signal, SignalHandler)
        entry(out, NAME_AND_TYPE, 14, 15);              // #55 handle(Signal)
        entry(out, INTERFACE_METHOD, 6, 55);            // #56 SignalHandler.handle(Signal)
        u2(out, 0x0030);                         // final, super
        u2(out, 2);                              // this class
        u2(out, 4);                              // super class
        u2(out, 4);                              // four interfaces:
        u2(out, 6);                              //   SignalHandler
        u2(out, 38);                             //   Function
        u2(out, 29);                             //   Predicate
        u2(out, 40);                             //   BiConsumer
        u2(out, 1);                              // one field:
        u2(out, 0x0012);                         //   private final
        u2(out, 9);                              //   relay
        u2(out, 10);                             //   PosixSignals
        u2(out, 0);                              //   no attributes
        u2(out, 6);                              // six methods:
        method(out, 0x0000, 11, 13, 2, 2, new byte[] {  // Handler(PosixSignals relay)
            0x2a,                                       //   aload_0
            (byte) 0xb7, 0, 21,                         //   invokespecial Object.<init>()
            0x2a,                                       //   aload_0
            0x2b,                                       //   aload_1
            (byte) 0xb5, 0, 23,                         //   putfield relay
            (byte) 0xb1,                                //   return
        });
        method(out, 0x0001, 14, 15, 2, 2, new byte[] {  // public void handle(Signal signal)
            0x2a,                                       //   aload_0
            (byte) 0xb4, 0, 23,                         //   getfield relay
            0x2b,                                       //   aload_1
            (byte) 0xb6, 0, 25,                         //   invokevirtual PosixSignals.handle(Object)
            (byte) 0xb1,                                //   return
        });
        method(out, 0x0001, 17, 18, 1, 1, new byte[] {  // public String toString()
            0x2a,                                       //   aload_0
            (byte) 0xb4, 0, 23,                         //   getfield relay
            (byte) 0xb6, 0, 27,                         //   invokevirtual PosixSignals.toString()
            (byte) 0xb0,                                //   areturn
        });
        method(out, 0x0001, 41, 42, 3, 2, new byte[] {  // public Object apply(Object name)
            (byte) 0xbb, 0, 46,                         //   new Signal
            0x59,                                       //   dup
            0x2b,                                       //   aload_1
            (byte) 0xc0, 0, 48,                         //   checkcast String
            (byte) 0xb7, 0, 51,                         //   invokespecial Signal.<init>(String)
            0x2a,                                       //   aload_0
            (byte) 0xb8, 0, 54,                         //   invokestatic Signal.handle(Signal, SignalHandler)
            (byte) 0xb0,                                //   areturn
        });
        method(out, 0x0001, 30, 31, 2, 2, new byte[] {  // public boolean test(Object handler)
            0x2b,                                       //   0: aload_1
            (byte) 0xb2, 0, 35,                         //   1: getstatic SignalHandler.SIG_IGN
            (byte) 0xa6, 0, 5,                          //   4: if_acmpne 9
            0x04,                                       //   7: iconst_1
            (byte) 0xac,                                //   8: ireturn
            0x03,                                       //   9: iconst_0
            (byte) 0xac,                                //  10: ireturn
        }, 9);                                          // at 9: the locals as on entry, an empty stack
        method(out, 0x0001, 43, 44, 2, 3, new byte[] {  // public void accept(Object handler, Object signal)
            0x2b,                                       //   aload_1
            (byte) 0xc0, 0, 6,                          //   checkcast SignalHandler
            0x2c,                                       //   aload_2
            (byte) 0xc0, 0, 46,                         //   checkcast Signal
            (byte) 0xb9, 0, 56, 2, 0,                   //   invokeinterface SignalHandler.handle(Signal)
            (byte) 0xb1,                                //   return
        });
        u2(out, 0);                              // no class attributes
        return out.toByteArray();
    }

    // constant pool tags
    private static final int CLASS = 7;
    private static final int FIELD = 9;
    private static final int METHOD = 10;
    private static final int INTERFACE_METHOD = 11;
    private static final int NAME_AND_TYPE = 12;
    /** The constant pool indexes of "Code" and "StackMapTable". */
    private static final int CODE = 19;
    private static final int STACK_MAP_TABLE = 36;

    private static void utf8(ByteArrayOutputStream out, String s) {
        u1(out, 1);
        u2(out, s.length());
        for (int i = 0; i < s.length(); i++) {
            u1(out, s.charAt(i)); // all ASCII here, the same in the class file's modified UTF-8
        }
    }

    // big-endian, as class files are (a DataOutputStream would be one more class to load)
    private static void u1(ByteArrayOutputStream out, int value) {
        out.write(value);
    }

    private static void u2(ByteArrayOutputStream out, int value) {
        out.write(value >>> 8);
        out.write(value);
    }

    private static void u4(ByteArrayOutputStream out, int value) {
        u2(out, value >>> 16);
        u2(out, value);
    }

    private static void entry(ByteArrayOutputStream out, int tag, int... indexes) {
        u1(out, tag);
        for (int index : indexes) {
            u2(out, index);
        }
    }

    /**
     * Writes a method with this code; {@code frames} are the offsets of the branch targets, each
     * with the locals as on entry and an empty stack (a stack map's {@code same_frame}).
     */
    private static void method(ByteArrayOutputStream out, int flags, int name, int descriptor, int maxStack,
                               int maxLocals, byte[] code, int... frames) {
        int stackMapLength = frames.length == 0 ? 0 : 6 + 2 + frames.length;
        u2(out, flags);
        u2(out, name);
        u2(out, descriptor);
        u2(out, 1);                              // one attribute:
        u2(out, CODE);
        u4(out, 12 + code.length + stackMapLength); //   its length after this field
        u2(out, maxStack);
        u2(out, maxLocals);
        u4(out, code.length);
        out.writeBytes(code);
        u2(out, 0);                              //   no exception handlers
        if (frames.length == 0) {
            u2(out, 0);                          //   no attributes
            return;
        }
        u2(out, 1);                              //   one attribute:
        u2(out, STACK_MAP_TABLE);
        u4(out, 2 + frames.length);
        u2(out, frames.length);
        int previous = -1;
        for (int offset : frames) {
            u1(out, offset - previous - 1);       //     same_frame: the offset delta, below 64
            previous = offset;
        }
    }

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
