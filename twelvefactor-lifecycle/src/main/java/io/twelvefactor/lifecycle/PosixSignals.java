package io.twelvefactor.lifecycle;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The operating system's SIGTERM, SIGINT and SIGHUP, through {@code sun.misc.Signal} of the
 * {@code jdk.unsupported} module. Reached reflectively, and our handler is a class written
 * out as bytes ({@link #handlerClass()}): a direct reference draws javac's "internal
 * proprietary API" warning, which no annotation suppresses and {@code -Werror} turns into an
 * error. A handler installed before ours by the application is chained to, on a
 * thread of its own and counted in flight under a name like a job: the drain waits for it, and
 * the summary names it if it is still running when the drain ends. The JDK's own handler
 * (which would call {@code System.exit}) is not chained to.
 */
final class PosixSignals {

    static final String[] NAMES = {"TERM", "INT", "HUP"};

    private static final System.Logger LOG = Coordinator.LOG;

    /**
     * Calls {@code handler} for each SIGTERM, SIGINT and SIGHUP, as {@link SignalSource#subscribe}
     * says; not a {@link SignalSource} itself, so that install() does not load that interface.
     */
    void subscribe(Consumer<String> handler) {
        Method handle;
        Method chained;
        Class<?> signalClass;
        Constructor<?> newHandler;
        try {
            signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            handle = signalClass.getMethod("handle", signalClass, handlerClass);
            chained = handlerClass.getMethod("handle", signalClass);
            newHandler = handlerType().getDeclaredConstructor(Relay.class);
        } catch (ReflectiveOperationException | LinkageError | IOException e) {
            LOG.log(System.Logger.Level.WARNING, "sun.misc.Signal is not available (is the jdk.unsupported module"
                    + " in this runtime?); SIGTERM, SIGINT and SIGHUP fall back to the JVM's shutdown hook", e);
            return;
        }
        for (String name : NAMES) {
            Relay relay = new Relay(name, handler, chained);
            try {
                Object ours = newHandler.newInstance(relay);
                Object previous = handle.invoke(null, signalClass.getConstructor(String.class).newInstance(name), ours);
                relay.previous = previous;
                @SuppressWarnings("unchecked") // the class written out below implements it
                Predicate<Object> isIgnore = (Predicate<Object>) ours;
                if (isIgnore.test(previous)) {
                    LOG.log(System.Logger.Level.WARNING, "SIG" + name + " is ignored by this process (inherited from"
                            + " its parent, as under nohup or a non-interactive shell's background job); SIG" + name
                            + " will not start a graceful shutdown");
                }
            } catch (Throwable e) {
                // tested with instanceof, not caught by type: verifying this class then loads no exception class
                if (e instanceof InvocationTargetException) {
                    LOG.log(System.Logger.Level.WARNING, "cannot handle SIG" + name + " (" + e.getCause().getMessage()
                            + "; the JVM runs with -Xrs?); SIG" + name + " will stop the process without the graceful"
                            + " shutdown");
                } else {
                    LOG.log(System.Logger.Level.WARNING, "cannot handle SIG" + name, e);
                }
            }
        }
    }

    /** The binary name of the class {@link #handlerClass()} describes. */
    static final String HANDLER = "io.twelvefactor.lifecycle.PosixSignals$Handler";

    /** That class once defined, or null; a class loader takes a name only once. */
    private static Class<?> handlerType;

    static synchronized Class<?> handlerType() throws IllegalAccessException, IOException {
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
     * final class PosixSignals$Handler implements sun.misc.SignalHandler, Predicate<Object> {
     *     private final PosixSignals.Relay relay;
     *     PosixSignals$Handler(PosixSignals.Relay relay) { this.relay = relay; }
     *     public void handle(sun.misc.Signal signal) { relay.handle(signal); }
     *     public String toString() { return relay.toString(); }
     *     // whether a handler is SIG_IGN, the signal ignored: reading that field reflectively
     *     // would make a field accessor at startup
     *     public boolean test(Object handler) { return handler == sun.misc.SignalHandler.SIG_IGN; }
     * }
     * }</pre>
     *
     * Defined with {@link MethodHandles.Lookup#defineClass}, it costs a fraction of a
     * millisecond; a {@link java.lang.invoke.LambdaMetafactory} class, as for a lambda, cost
     * milliseconds of method-handle spinning at startup, and a {@link java.lang.reflect.Proxy}
     * several times more. One branch, so one stack map frame.
     */
    static byte[] handlerClass() throws IOException {
        String relay = "io/twelvefactor/lifecycle/PosixSignals$Relay";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(640);
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0xCAFEBABE);
        out.writeShort(0);                              // minor version
        out.writeShort(52);                             // Java 8: no nest attributes
        out.writeShort(37);                             // the constant pool's size plus one
        utf8(out, HANDLER.replace('.', '/'));           // #1
        entry(out, CLASS, 1);                           // #2 this class
        utf8(out, "java/lang/Object");                  // #3
        entry(out, CLASS, 3);                           // #4 its super class
        utf8(out, "sun/misc/SignalHandler");            // #5
        entry(out, CLASS, 5);                           // #6 its interface
        utf8(out, relay);                               // #7
        entry(out, CLASS, 7);                           // #8 Relay
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
        entry(out, NAME_AND_TYPE, 9, 10);               // #22 relay: Relay
        entry(out, FIELD, 2, 22);                       // #23 this.relay
        entry(out, NAME_AND_TYPE, 14, 16);              // #24 handle(Object)
        entry(out, METHOD, 8, 24);                      // #25 Relay.handle(Object)
        entry(out, NAME_AND_TYPE, 17, 18);              // #26 toString()
        entry(out, METHOD, 8, 26);                      // #27 Relay.toString()
        utf8(out, "java/util/function/Predicate");      // #28
        entry(out, CLASS, 28);                          // #29 its other interface
        utf8(out, "test");                              // #30
        utf8(out, "(Ljava/lang/Object;)Z");             // #31
        utf8(out, "SIG_IGN");                           // #32
        utf8(out, "Lsun/misc/SignalHandler;");          // #33
        entry(out, NAME_AND_TYPE, 32, 33);              // #34 SIG_IGN: SignalHandler
        entry(out, FIELD, 6, 34);                       // #35 SignalHandler.SIG_IGN
        utf8(out, "StackMapTable");                     // #36
        out.writeShort(0x0030);                         // final, super
        out.writeShort(2);                              // this class
        out.writeShort(4);                              // super class
        out.writeShort(2);                              // two interfaces:
        out.writeShort(6);                              //   SignalHandler
        out.writeShort(29);                             //   Predicate
        out.writeShort(1);                              // one field:
        out.writeShort(0x0012);                         //   private final
        out.writeShort(9);                              //   relay
        out.writeShort(10);                             //   Relay
        out.writeShort(0);                              //   no attributes
        out.writeShort(4);                              // four methods:
        method(out, 0x0000, 11, 13, 2, 2, new byte[] {  // Handler(Relay relay)
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
            (byte) 0xb6, 0, 25,                         //   invokevirtual Relay.handle(Object)
            (byte) 0xb1,                                //   return
        });
        method(out, 0x0001, 17, 18, 1, 1, new byte[] {  // public String toString()
            0x2a,                                       //   aload_0
            (byte) 0xb4, 0, 23,                         //   getfield relay
            (byte) 0xb6, 0, 27,                         //   invokevirtual Relay.toString()
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
        out.writeShort(0);                              // no class attributes
        return bytes.toByteArray();
    }

    // constant pool tags
    private static final int CLASS = 7;
    private static final int FIELD = 9;
    private static final int METHOD = 10;
    private static final int NAME_AND_TYPE = 12;
    /** The constant pool indexes of "Code" and "StackMapTable". */
    private static final int CODE = 19;
    private static final int STACK_MAP_TABLE = 36;

    private static void utf8(DataOutputStream out, String s) throws IOException {
        out.writeByte(1);
        out.writeUTF(s); // modified UTF-8, as class files use; all ASCII here
    }

    private static void entry(DataOutputStream out, int tag, int... indexes) throws IOException {
        out.writeByte(tag);
        for (int index : indexes) {
            out.writeShort(index);
        }
    }

    /**
     * Writes a method with this code; {@code frames} are the offsets of the branch targets, each
     * with the locals as on entry and an empty stack (a stack map's {@code same_frame}).
     */
    private static void method(DataOutputStream out, int flags, int name, int descriptor, int maxStack,
                               int maxLocals, byte[] code, int... frames) throws IOException {
        int stackMapLength = frames.length == 0 ? 0 : 6 + 2 + frames.length;
        out.writeShort(flags);
        out.writeShort(name);
        out.writeShort(descriptor);
        out.writeShort(1);                              // one attribute:
        out.writeShort(CODE);
        out.writeInt(12 + code.length + stackMapLength); //   its length after this field
        out.writeShort(maxStack);
        out.writeShort(maxLocals);
        out.writeInt(code.length);
        out.write(code);
        out.writeShort(0);                              //   no exception handlers
        if (frames.length == 0) {
            out.writeShort(0);                          //   no attributes
            return;
        }
        out.writeShort(1);                              //   one attribute:
        out.writeShort(STACK_MAP_TABLE);
        out.writeInt(2 + frames.length);
        out.writeShort(frames.length);
        int previous = -1;
        for (int offset : frames) {
            out.writeByte(offset - previous - 1);       //     same_frame: the offset delta, below 64
            previous = offset;
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
