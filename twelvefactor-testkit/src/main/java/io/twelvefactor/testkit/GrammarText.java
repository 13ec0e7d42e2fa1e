package io.twelvefactor.testkit;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Generated text near the grammar's edges, for the modules' properties that compare their own
 * parser with {@link Conformance}'s reference on many inputs: one generator per kind, so every
 * module's parser is tried on the same input space.
 */
public final class GrammarText {

    private GrammarText() {
    }

    /** Durations in the unit and ISO forms, near-misses and noise, with surrounding white space. */
    public static Arbitrary<String> durations() {
        Arbitrary<String> unitForm = Arbitraries.strings().numeric().ofMinLength(0).ofMaxLength(21)
                .flatMap(digits -> Arbitraries.of("ms", "s", "m", "h", "d", "S", "", " s", "us").map(unit -> digits + unit));
        Arbitrary<String> isoForm = Arbitraries.strings().withChars("0123456789PTDHMSptdhms.,-+").ofMinLength(1).ofMaxLength(16)
                .map(t -> "P" + t);
        Arbitrary<String> any = Arbitraries.strings().withChars("0123456789msdhPT .-+\t").ofMaxLength(10);
        return Arbitraries.oneOf(unitForm, isoForm, any)
                .flatMap(t -> Arbitraries.of("", " ", "\t", "\n").map(space -> space + t + space));
    }

    /** Ports in and out of range, signs and noise, with surrounding white space. */
    public static Arbitrary<String> ports() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(-70_000, 140_000).map(Object::toString),
                Arbitraries.strings().withChars("0123456789+- x.").ofMaxLength(7))
                .flatMap(t -> Arbitraries.of("", " ", "\n").map(space -> space + t + space));
    }
}
