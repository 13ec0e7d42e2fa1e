package io.twelvefactor.logging;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.spi.MDCAdapter;

/**
 * The mapped diagnostic context: per thread, inherited (as a copy) by threads the owner starts.
 * Entries live in two parallel arrays so that writing an event reads them without allocating.
 */
final class MdcAdapter implements MDCAdapter {

    /**
     * One thread's entries. Only its own thread touches it, and it stays that thread's for the
     * thread's life ({@link #clear()} empties it in place), so an encoder may keep a reference.
     */
    static final class Context {
        String[] keys;
        String[] values;
        /** Each entry as the encoder last wrote it for {@link #encodedFor}; null when not yet. */
        byte[][] encoded;
        Object encodedFor;
        int size;
        /** False after {@link MdcAdapter#clear()}, until the next put: the map then reads as null. */
        boolean present;
        private Map<String, Deque<String>> deques;

        Context(int capacity) {
            keys = new String[capacity];
            values = new String[capacity];
            encoded = new byte[capacity][];
        }

        Context copy() {
            Context c = new Context(Math.max(4, size));
            System.arraycopy(keys, 0, c.keys, 0, size);
            System.arraycopy(values, 0, c.values, 0, size);
            c.size = size;
            c.present = present;
            return c;
        }

        /** Empties the entries in place; the deques of {@code pushByKey} are the caller's to keep or drop. */
        void clear() {
            java.util.Arrays.fill(keys, 0, size, null);
            java.util.Arrays.fill(values, 0, size, null);
            java.util.Arrays.fill(encoded, 0, size, null);
            size = 0;
            present = false;
        }

        void ensureCapacity(int capacity) {
            if (capacity > keys.length) {
                int n = Math.max(capacity, keys.length * 2);
                keys = java.util.Arrays.copyOf(keys, n);
                values = java.util.Arrays.copyOf(values, n);
                encoded = java.util.Arrays.copyOf(encoded, n);
            }
        }

        int indexOf(String key) {
            for (int i = 0; i < size; i++) {
                if (keys[i].equals(key)) {
                    return i;
                }
            }
            return -1;
        }
    }

    private final InheritableThreadLocal<Context> local = new InheritableThreadLocal<>() {
        @Override
        protected Context childValue(Context parent) {
            return parent == null ? null : parent.copy();
        }
    };

    /**
     * Whether any thread ever put an entry: until then writing an event skips the thread-local
     * lookup. A thread sees its own puts, which is all that matters for its own events.
     */
    private boolean used;

    /** The calling thread's context, or null when it has none. */
    Context current() {
        return used ? local.get() : null;
    }

    private Context writable() {
        Context c = local.get();
        if (c == null) {
            used = true;
            c = new Context(4);
            local.set(c);
        }
        return c;
    }

    @Override
    public void put(String key, String val) {
        Objects.requireNonNull(key, "MDC key");
        Context c = writable();
        c.present = true;
        int i = c.indexOf(key);
        if (i >= 0) {
            c.values[i] = val;
            c.encoded[i] = null;
            return;
        }
        c.ensureCapacity(c.size + 1);
        c.keys[c.size] = key;
        c.values[c.size] = val;
        c.encoded[c.size] = null;
        c.size++;
    }

    @Override
    public String get(String key) {
        Context c = local.get();
        if (c == null || key == null) {
            return null;
        }
        int i = c.indexOf(key);
        return i < 0 ? null : c.values[i];
    }

    @Override
    public void remove(String key) {
        Context c = local.get();
        if (c == null || key == null) {
            return;
        }
        int i = c.indexOf(key);
        if (i >= 0) {
            int tail = c.size - i - 1;
            System.arraycopy(c.keys, i + 1, c.keys, i, tail);
            System.arraycopy(c.values, i + 1, c.values, i, tail);
            System.arraycopy(c.encoded, i + 1, c.encoded, i, tail);
            c.size--;
            c.keys[c.size] = null;
            c.values[c.size] = null;
            c.encoded[c.size] = null;
        }
    }

    @Override
    public void clear() {
        Context c = local.get();
        if (c != null) {
            c.clear();
            c.deques = null;
        }
    }

    @Override
    public Map<String, String> getCopyOfContextMap() {
        Context c = local.get();
        if (c == null || !c.present) {
            return null;
        }
        Map<String, String> copy = new HashMap<>();
        for (int i = 0; i < c.size; i++) {
            copy.put(c.keys[i], c.values[i]);
        }
        return copy;
    }

    @Override
    public void setContextMap(Map<String, String> contextMap) {
        if (contextMap == null) {
            clear();
            return;
        }
        Context c = writable();
        c.clear();
        c.present = true;
        c.ensureCapacity(contextMap.size());
        for (Map.Entry<String, String> e : contextMap.entrySet()) {
            if (e.getKey() != null) {
                c.keys[c.size] = e.getKey();
                c.values[c.size] = e.getValue();
                c.size++;
            }
        }
    }

    @Override
    public void pushByKey(String key, String value) {
        if (value == null) {
            return;
        }
        Context c = writable();
        if (c.deques == null) {
            c.deques = new HashMap<>();
        }
        c.deques.computeIfAbsent(key, k -> new ArrayDeque<>()).push(value);
    }

    @Override
    public String popByKey(String key) {
        Context c = local.get();
        if (c == null || c.deques == null) {
            return null;
        }
        Deque<String> deque = c.deques.get(key);
        return deque == null ? null : deque.poll();
    }

    @Override
    public Deque<String> getCopyOfDequeByKey(String key) {
        Context c = local.get();
        if (c == null || c.deques == null) {
            return null;
        }
        Deque<String> deque = c.deques.get(key);
        return deque == null ? null : new ArrayDeque<>(deque);
    }

    @Override
    public void clearDequeByKey(String key) {
        Context c = local.get();
        if (c != null && c.deques != null) {
            Deque<String> deque = c.deques.get(key);
            if (deque != null) {
                deque.clear();
            }
        }
    }
}
