package io.twelvefactor.backing;

import io.twelvefactor.testkit.Skip;

import java.util.concurrent.ThreadLocalRandom;

/** The local services the integration tests use, and what they share. */
final class TestServices {

    /** Every character a password is told to encode, and '+' that URLDecoder would eat. */
    static final String HARD_PASSWORD = "p@ss:w/rd#50%+x y";

    private TestServices() {
    }

    /** The variable's URL, or the test is skipped with a reason naming it. */
    static BackingService service(String variable) {
        String url = System.getenv(variable);
        Skip.unless(url != null && !url.isEmpty(), variable + " is not set: skipping the test that needs"
                + " this server (bash .ci/run sets it)");
        return BackingService.fromEnv(variable);
    }

    /** A name no other run uses, for the users and virtual hosts a test creates. */
    static String uniqueName(String prefix) {
        return prefix + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
    }

    /** The URL of {@code base} with other credentials, formatted by percent-encoding them. */
    static BackingService withCredentials(BackingService base, String user, String password) {
        String url = base.toUrl();
        int start = url.indexOf("://") + 3;
        int at = url.indexOf('@', start);
        int hostStart = at >= 0 && at < url.indexOf('/', start) ? at + 1 : start;
        BackingService d = BackingService.parse(url.substring(0, start) + encode(user, "")
                + ":" + encode(password, "") + "@" + url.substring(hostStart));
        if (!d.user().orElseThrow().equals(user) || !d.password().orElseThrow().equals(password)) {
            throw new AssertionError("credentials did not survive the URL");
        }
        return d;
    }

    /** {@code s} percent-encoded as the module renders it, keeping the characters in {@code keep}. */
    static String encode(String s, String keep) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        Percent.append(b, s, keep);
        return b.toString();
    }
}
