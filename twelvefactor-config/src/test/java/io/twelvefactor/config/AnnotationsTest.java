package io.twelvefactor.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
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
}
