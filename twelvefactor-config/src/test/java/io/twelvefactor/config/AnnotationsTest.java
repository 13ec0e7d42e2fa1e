package io.twelvefactor.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AnnotationsTest {
    /** Annotations of every kind the class-file reader must skip or read. */
    @Prefix("ODD")
    @Deprecated(since = "1", forRemoval = false)
    record Odd(@Name("EXACT") @Default("a\u0000b\uD83D\uDE00") @Description("x") @Deprecated String one,
               @SuppressWarnings({"a", "b"}) @Default("2") long two, double three, List<String> four) {
        static final long BIG = 1L << 40;
        static final double HALF = 0.5;
    }

    @ParameterizedTest
    @ValueSource(classes = {ConfigTypes.AppConfig.class, ConfigTypes.Db.class, ConfigTypes.AllTypes.class, Odd.class,
        DescribeTest.Fleet.class, EnvTest.BadDefault.class})
    void theClassFileReaderAgreesWithReflection(Class<?> type) {
        Annotations file = Annotations.of(type, type.getRecordComponents());
        Annotations reflected = Annotations.reflect(type, type.getRecordComponents());
        assertTrue(file.fromClassFile);
        assertEquals(reflected.prefix, file.prefix);
        assertArrayEquals(reflected.names, file.names);
        assertArrayEquals(reflected.defaults, file.defaults);
        assertArrayEquals(reflected.descriptions, file.descriptions);
    }

    @org.junit.jupiter.api.Test
    void readsValuesWithNulAndSupplementaryCharacters() {
        Annotations a = Annotations.of(Odd.class, Odd.class.getRecordComponents());
        assertEquals("ODD", a.prefix);
        assertEquals("a\u0000b\uD83D\uDE00", a.defaults[0]);
        assertEquals("EXACT", a.names[0]);
        assertEquals("2", a.defaults[1]);
    }

    /** Text forms the class-file reader must tell apart, as Scalar's reflection does. */
    public record FromString(String value) {
    }

    public record TwoStrings(String a, String b) {
    }

    public record ParsedFromCharSequence(int n) {
        public static ParsedFromCharSequence parse(CharSequence text) {
            return new ParsedFromCharSequence(text.length());
        }
    }

    public record WrongReturn(int n) {
        public static String valueOf(String text) {
            return text;
        }
    }

    public record NotStatic(int n) {
        public ParsedFromCharSequence parse(String text) {
            return null;
        }
    }

    record Hidden(String value) {
    }

    @ParameterizedTest
    @ValueSource(classes = {ConfigTypes.HostPort.class, ConfigTypes.Db.class, ConfigTypes.Server.class, FromString.class,
        TwoStrings.class, ParsedFromCharSequence.class, WrongReturn.class, NotStatic.class, Hidden.class, Odd.class,
        DataSize.class})
    void theClassFileReaderFindsTheTextFormsReflectionFinds(Class<?> type) {
        Annotations file = Annotations.of(type, type.getRecordComponents());
        assertTrue(file.fromClassFile);
        assertNotEquals(Annotations.UNKNOWN, file.textForm);
        boolean reflected = Reflective.find(type) != null;
        assertEquals(reflected, file.textForm == Annotations.SOME, type.getName());
    }

    /** Generic component shapes: the ones read from the signature, and the ones left to the JDK. */
    record Shapes<T>(List<String> list, Map<String, List<Integer>> nested, Optional<Secret<String>> secret,
                     Set<ConfigTypes.Level> levels, List<ConfigTypes.Db> records, List<? extends Number> wildcard,
                     List<T> variable, List<int[]> arrays, Map.Entry<String, String> inner, String plain,
                     List<FromString> member) {
    }

    @org.junit.jupiter.api.Test
    void genericTypesReadFromSignaturesEqualTheJdksAndPrintAlike() {
        for (RecordComponent c : Shapes.class.getRecordComponents()) {
            java.lang.reflect.Type jdk = c.getGenericType();
            java.lang.reflect.Type ours = Generic.of(c);
            assertEquals(jdk, ours, c.getName());
            assertEquals(ours, jdk, c.getName());
            assertEquals(jdk.hashCode(), ours.hashCode(), c.getName());
            assertEquals(jdk.getTypeName(), ours.getTypeName(), c.getName());
        }
        assertTrue(Generic.of(Shapes.class.getRecordComponents()[1]) instanceof Generic, "read from the signature");
    }
}
