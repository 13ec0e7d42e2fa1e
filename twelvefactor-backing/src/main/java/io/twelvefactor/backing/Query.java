package io.twelvefactor.backing;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A URL's decoded query parameters: an unmodifiable map in the order written, held as one
 * array of names and values. A URL has a handful of parameters, so a scan finds one faster
 * than hashing would, and parsing allocates one array instead of a hash table and an entry
 * per parameter. Equal to, and hashing as, any other {@link Map} of the same entries.
 */
final class Query extends AbstractMap<String, String> {

    /** No parameters. */
    static final Query EMPTY = new Query(new String[0], 0);

    /** {@code name0, value0, name1, value1, …}; only the first {@code 2 * size} are used. */
    private final String[] pairs;
    private final int size;

    private Query(String[] pairs, int size) {
        this.pairs = pairs;
        this.size = size;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean isEmpty() {
        return size == 0;
    }

    @Override
    public String get(Object name) {
        int i = indexOf(pairs, size, name);
        return i < 0 ? null : pairs[i + 1];
    }

    @Override
    public boolean containsKey(Object name) {
        return indexOf(pairs, size, name) >= 0;
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super String> action) {
        for (int i = 0; i < 2 * size; i += 2) {
            action.accept(pairs[i], pairs[i + 1]);
        }
    }

    @Override
    public String put(String name, String value) {
        throw new UnsupportedOperationException("query() is unmodifiable");
    }

    @Override
    public String remove(Object name) {
        throw new UnsupportedOperationException("query() is unmodifiable");
    }

    @Override
    public void putAll(Map<? extends String, ? extends String> m) {
        throw new UnsupportedOperationException("query() is unmodifiable");
    }

    @Override
    public void clear() {
        throw new UnsupportedOperationException("query() is unmodifiable");
    }

    /** As {@link AbstractMap#hashCode()} defines it, without an entry per parameter. */
    @Override
    public int hashCode() {
        int h = 0;
        for (int i = 0; i < 2 * size; i += 2) {
            h += pairs[i].hashCode() ^ pairs[i + 1].hashCode();
        }
        return h;
    }

    @Override
    public Set<Map.Entry<String, String>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<String, String>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    public Map.Entry<String, String> next() {
                        if (next >= size) {
                            throw new NoSuchElementException();
                        }
                        int i = 2 * next++;
                        return new AbstractMap.SimpleImmutableEntry<>(pairs[i], pairs[i + 1]);
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    private static int indexOf(String[] pairs, int size, Object name) {
        for (int i = 0; i < 2 * size; i += 2) {
            if (pairs[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The parser's side: parameters added as they are read, libpq's overrides taken out,
     * then {@link #build()} hands the array over without copying it.
     */
    static final class Builder {

        /** Above this many names, a set finds a repeated one instead of a scan. */
        private static final int SCAN_LIMIT = 16;

        private String[] pairs = EMPTY.pairs;
        private int size;
        /** Every name added, once there are more than {@link #SCAN_LIMIT}; else null. */
        private Set<String> names;

        /**
         * Adds a parameter at the end.
         *
         * @return false, adding nothing, when {@code name} is there already
         */
        boolean add(String name, String value) {
            if (names != null ? !names.add(name) : indexOf(pairs, size, name) >= 0) {
                return false;
            }
            if (2 * size == pairs.length) {
                // new String[] rather than Arrays.copyOf, whose reflective path C2 may not fold
                String[] grown = new String[Math.max(8, 2 * pairs.length)];
                System.arraycopy(pairs, 0, grown, 0, 2 * size);
                pairs = grown;
            }
            pairs[2 * size] = name;
            pairs[2 * size + 1] = value;
            size++;
            if (names == null && size > SCAN_LIMIT) {
                names = new HashSet<>();
                for (int i = 0; i < 2 * size; i += 2) {
                    names.add(pairs[i]);
                }
            }
            return true;
        }

        /** Takes a parameter out, keeping the others' order: its value, or null. */
        String remove(String name) {
            int i = indexOf(pairs, size, name);
            if (i < 0) {
                return null;
            }
            String value = pairs[i + 1];
            System.arraycopy(pairs, i + 2, pairs, i, 2 * size - i - 2);
            size--;
            pairs[2 * size] = null;
            pairs[2 * size + 1] = null;
            if (names != null) {
                names.remove(name);
            }
            return value;
        }

        /** The map; the builder must not be used after. */
        Query build() {
            return size == 0 ? EMPTY : new Query(pairs, size);
        }
    }

    /** The map {@code b} built, or {@link #EMPTY} for none (a URL without parameters). */
    static Query build(Builder b) {
        return b == null ? EMPTY : b.build();
    }
}
