package io.twelvefactor.backing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** {@link Query}, the array-backed map behind {@code query()}, keeps the {@link Map} contract. */
class QueryTest {

    @Property(tries = 300)
    void behavesAsALinkedHashMapOfTheSameParameters(@ForAll("names") List<String> names) {
        Map<String, String> reference = new LinkedHashMap<>();
        Query.Builder b = new Query.Builder();
        for (String name : names) {
            String value = "v" + name.length();
            assertEquals(reference.putIfAbsent(name, value) == null, b.add(name, value), name);
        }
        // libpq's overrides leave the map: take out every third name.
        for (int i = 0; i < names.size(); i += 3) {
            assertEquals(reference.remove(names.get(i)), b.remove(names.get(i)));
        }
        Query q = b.build();
        assertEquals(reference, q);
        assertEquals(q, reference);
        assertEquals(reference.hashCode(), q.hashCode());
        assertEquals(new ArrayList<>(reference.keySet()), new ArrayList<>(q.keySet()), "order");
        assertEquals(new ArrayList<>(reference.entrySet()), new ArrayList<>(q.entrySet()));
        assertEquals(reference.toString(), q.toString());
        for (String name : names) {
            assertEquals(reference.get(name), q.get(name));
            assertEquals(reference.containsKey(name), q.containsKey(name));
        }
        assertEquals(reference.isEmpty(), q.isEmpty());
    }

    @Provide
    Arbitrary<List<String>> names() {
        // Few distinct names, so that repeats are common; up to 40, past the scan limit.
        return Arbitraries.strings().withCharRange('a', 'e').ofMinLength(1).ofMaxLength(3)
                .list().ofMaxSize(40);
    }

    @Example
    void isUnmodifiable() {
        Map<String, String> q = BackingService.parse("redis://h/0?a=1&b=2").query();
        assertThrows(UnsupportedOperationException.class, () -> q.put("c", "3"));
        assertThrows(UnsupportedOperationException.class, () -> q.remove("a"));
        assertThrows(UnsupportedOperationException.class, q::clear);
        assertThrows(UnsupportedOperationException.class, () -> q.putAll(Map.of("c", "3")));
        assertThrows(UnsupportedOperationException.class, () -> q.entrySet().iterator().next().setValue("x"));
        assertThrows(UnsupportedOperationException.class, () -> q.keySet().iterator().remove());
        Map<String, String> empty = BackingService.parse("redis://h/0").query();
        assertThrows(UnsupportedOperationException.class, empty::clear);
        assertEquals(Map.of("a", "1", "b", "2"), q);
    }

    @Example
    void findsARepeatedNameAmongMany() {
        StringBuilder url = new StringBuilder("redis://h/0?");
        for (int i = 0; i < 30; i++) {
            url.append("p").append(i).append("=x&");
        }
        assertEquals(31, BackingService.parse(url + "last=1").query().size());
        BackingServiceException e = assertThrows(BackingServiceException.class,
                () -> BackingService.parse(url + "p7=y"));
        assertTrue(e.getMessage().contains("appears twice"), e.getMessage());
    }

    @Example
    void aRemovedNameMayComeBack() {
        Query.Builder b = new Query.Builder();
        for (int i = 0; i < 20; i++) {
            assertTrue(b.add("p" + i, "x"));
        }
        assertFalse(b.add("p3", "y"));
        assertEquals("x", b.remove("p3"));
        assertNull(b.remove("p3"));
        assertTrue(b.add("p3", "z"));
        assertEquals("z", b.build().get("p3"));
    }
}
