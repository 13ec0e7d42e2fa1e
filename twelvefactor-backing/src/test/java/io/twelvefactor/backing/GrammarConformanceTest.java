package io.twelvefactor.backing;

import io.twelvefactor.testkit.Conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Backing hides the same query parameters as config: the credential keys of the shared table. */
class GrammarConformanceTest {

    static Stream<Conformance.Row> credentialKeys() {
        return Conformance.rows("credential-key").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("credentialKeys")
    void credentialKeysAreHiddenByTheTable(Conformance.Row row) {
        // Not postgres://: libpq's ?user= and ?password= become the URL's credentials there.
        BackingService d = BackingService.parse("mysql://u@h/db?" + row.input() + "=disable&z=1");
        boolean secret = row.expected().equals("secret");
        String shown = d.toString();
        assertEquals(secret, shown.contains(row.input() + "=***"), shown);
        assertEquals(!secret, shown.contains("disable"), shown);
        assertEquals(secret, UrlWriter.secret(row.input()));
    }
}
