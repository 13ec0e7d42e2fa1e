package io.twelvefactor.lifecycle;

import java.io.ByteArrayOutputStream;

/**
 * Writes the class file of {@link PosixSignals#HANDLER_CLASS} instruction by instruction, as
 * its source: {@code PosixSignalsTest} checks that the bytes in {@code PosixSignals} are these,
 * and prints them as a Java literal when they are not (after a change here).
 */
final class HandlerClassFile {

    private HandlerClassFile() {
    }

    static byte[] write() {
        String relay = "io/twelvefactor/lifecycle/PosixSignals";
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        u4(out, 0xCAFEBABE);
        u2(out, 0);                                     // minor version
        u2(out, 52);                                    // Java 8: no nest attributes
        u2(out, 57);                                    // the constant pool's size plus one
        utf8(out, PosixSignals.HANDLER.replace('.', '/')); // #1
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
        u2(out, 0x0030);                                // final, super
        u2(out, 2);                                     // this class
        u2(out, 4);                                     // super class
        u2(out, 4);                                     // four interfaces:
        u2(out, 6);                                     //   SignalHandler
        u2(out, 38);                                    //   Function
        u2(out, 29);                                    //   Predicate
        u2(out, 40);                                    //   BiConsumer
        u2(out, 1);                                     // one field:
        u2(out, 0x0012);                                //   private final
        u2(out, 9);                                     //   relay
        u2(out, 10);                                    //   PosixSignals
        u2(out, 0);                                     //   no attributes
        u2(out, 6);                                     // six methods:
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
        u2(out, 0);                                     // no class attributes
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
            u1(out, s.charAt(i));                       // all ASCII here, the same in the class file's modified UTF-8
        }
    }

    // big-endian, as class files are
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
        u2(out, 1);                                     // one attribute:
        u2(out, CODE);
        u4(out, 12 + code.length + stackMapLength);     //   its length after this field
        u2(out, maxStack);
        u2(out, maxLocals);
        u4(out, code.length);
        out.writeBytes(code);
        u2(out, 0);                                     //   no exception handlers
        if (frames.length == 0) {
            u2(out, 0);                                 //   no attributes
            return;
        }
        u2(out, 1);                                     //   one attribute:
        u2(out, STACK_MAP_TABLE);
        u4(out, 2 + frames.length);
        u2(out, frames.length);
        int previous = -1;
        for (int offset : frames) {
            u1(out, offset - previous - 1);             //     same_frame: the offset delta, below 64
            previous = offset;
        }
    }

    /** The bytes as a Java string literal, one char each, for {@code PosixSignals.HANDLER_CLASS}. */
    static String javaLiteral(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            String piece;
            if (b == '"' || b == '\\') {
                piece = "\\" + (char) b;
            } else if (b >= 0x20 && b < 0x7f) {
                piece = String.valueOf((char) b);
            } else {
                boolean digitNext = i + 1 < bytes.length && bytes[i + 1] >= '0' && bytes[i + 1] <= '7';
                // a short octal escape would take an octal digit after it as its own
                piece = "\\" + (digitNext ? String.format("%03o", b) : Integer.toOctalString(b));
            }
            if (line.length() + piece.length() > 96) {
                out.append(out.length() == 0 ? "            \"" : "            + \"").append(line).append("\"\n");
                line.setLength(0);
            }
            line.append(piece);
        }
        return out.append("            + \"").append(line).append("\";\n").toString();
    }
}
