package io.twelvefactor.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Every string, however hostile, comes out as exactly one strict JSON line with the same text. */
class JsonEscapingTest {

    /** Any char: every control character, both surrogate halves alone or paired, U+2028/9, BMP. */
    @Provide
    Arbitrary<String> hostile() {
        String special = "\u0000\u001f\u007f\"\\\n\r\t\u2028\u2029\ud800\udbff\udc00\udfff\ufffd{}";
        Arbitrary<String> emoji = Arbitraries.of("\ud83d\ude00", "\ud834\udd1e", "\u00e9", "\u4e2d");
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars(special).ofMaxLength(30),
                Arbitraries.strings().all().ofMaxLength(30),
                Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMaxLength(10),
                Arbitraries.chars().all().list().ofMaxSize(30).map(JsonEscapingTest::join),
                Arbitraries.oneOf(emoji, Arbitraries.strings().withChars(special).ofMaxLength(2))
                        .list().ofMaxSize(6).map(l -> String.join("", l)));
    }

    private static String join(java.util.List<Character> chars) {
        StringBuilder b = new StringBuilder(chars.size());
        for (char c : chars) {
            b.append(c);
        }
        return b.toString();
    }

    /** What the string must read back as: lone surrogates become U+FFFD, all else is kept. */
    static String expected(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                b.append(c).append(s.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                b.append('\ufffd');
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    @Property(tries = 400)
    void messageLoggerAndArgumentsRoundTrip(@ForAll("hostile") String message, @ForAll("hostile") String arg,
            @ForAll("hostile") String loggerName) {
        Capture capture = new Capture();
        // No '{' at all: removing only "{}" leaves an anchor behind in "{{}}".
        String text = message.replace("{", "");
        capture.logger(loggerName).info(text + " {}", arg);
        JsonNode e = capture.only();
        assertEquals(expected(text + " " + arg), e.get("message").asText());
        assertEquals(expected(loggerName), e.get("log.logger").asText());
        assertOneValidUtf8Line(capture);
    }

    /**
     * Chars above U+00FF whose low byte is plain ASCII or one that JSON escapes (U+0141 'A',
     * U+2022 '"', U+015C '\\', U+010A '\n', U+4E7B '{'), after plain text, alone, in the pattern
     * and in arguments: the fast path must not take them for their low byte.
     */
    @Property(tries = 300)
    void charsWhoseLowByteIsAsciiRoundTrip(@ForAll("lowByteAscii") String text, @ForAll("lowByteAscii") String arg) {
        Capture capture = new Capture();
        String pattern = text.replace("{", "");
        capture.logger("p" + text).info(pattern + " {} {}", arg, "x" + arg);
        JsonNode e = capture.only();
        assertEquals(pattern + " " + arg + " x" + arg, e.get("message").asText());
        assertEquals("p" + text, e.get("log.logger").asText());
        assertOneValidUtf8Line(capture);
    }

    @Provide
    Arbitrary<String> lowByteAscii() {
        return Arbitraries.strings().withChars("abc \u0141\u2022\u015c\u010a\u4e7b\u0122\u0100\u017f")
                .ofMaxLength(40);
    }

    @Property(tries = 400)
    void mdcAndKeyValuesRoundTrip(@ForAll("hostile") String mdcKey, @ForAll("hostile") String mdcValue,
            @ForAll("hostile") String kvKey, @ForAll("hostile") String kvValue) {
        Capture capture = new Capture();
        String mKey = "m" + mdcKey;
        String kKey = "k" + kvKey;
        capture.factory.mdc.put(mKey, mdcValue);
        try {
            capture.logger("p").atInfo().addKeyValue(kKey, kvValue).log("x");
        } finally {
            capture.factory.mdc.clear();
        }
        JsonNode e = capture.only();
        if (!expected(mKey).equals(expected(kKey))) {
            assertEquals(expected(mdcValue), e.get(expected(mKey)).asText());
        }
        assertEquals(expected(kvValue), e.get(expected(kKey)).asText());
        assertOneValidUtf8Line(capture);
    }

    @Property(tries = 200)
    void exceptionTextRoundTrips(@ForAll("hostile") String text) {
        Capture capture = new Capture();
        capture.logger("p").error("failed", new IllegalStateException(text));
        JsonNode e = capture.only();
        assertEquals(expected(text), e.get("error.message").asText());
        assertEquals("java.lang.IllegalStateException: " + expected(text),
                e.get("error.stack_trace").asText().split("\n\tat ")[0]);
        assertOneValidUtf8Line(capture);
    }

    @Property(tries = 200)
    void cutLinesStayValidAndBelowTheCap(@ForAll("hostile") String unit) {
        Capture capture = new Capture("LOG_MAX_LINE_BYTES", "1024");
        String big = unit.isEmpty() ? "x".repeat(3000) : unit.repeat(3000 / unit.length() + 1);
        capture.logger("p").error(big, new RuntimeException(big));
        String line = capture.lines().get(0);
        assertFalse(line.getBytes(StandardCharsets.UTF_8).length >= 1024, line);
        Capture.parse(line);
        assertOneValidUtf8Line(capture);
    }

    private static void assertOneValidUtf8Line(Capture capture) {
        byte[] bytes = capture.bytes();
        assertEquals(1, capture.lines().size());
        java.nio.charset.CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder();
        try {
            strict.decode(java.nio.ByteBuffer.wrap(bytes));
        } catch (java.nio.charset.CharacterCodingException ex) {
            throw new AssertionError("not valid UTF-8", ex);
        }
    }
}
