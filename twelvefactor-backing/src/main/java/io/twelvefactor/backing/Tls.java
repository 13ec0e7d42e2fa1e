package io.twelvefactor.backing;

/**
 * What a URL asks of TLS, in libpq's {@code sslmode} vocabulary, which every kind of service
 * shares here. A URL asks for TLS with a secure scheme ({@code rediss},
 * {@code rediss-sentinel}, {@code amqps}, {@code smtps}, {@code mqtts}, {@code https},
 * {@code mongodb+srv}, {@code kafka+ssl}: {@link #VERIFY_FULL}),
 * with {@code ?sslmode=}, or for MongoDB with {@code ?tls=} / {@code ?ssl=}.
 * {@link BackingService#toJdbcUrl()} maps the mode to each driver's own options; see the
 * README's TLS table.
 */
public enum Tls {
    /**
     * No TLS: {@code sslmode=disable}. {@link BackingService#tls()} reports such a URL as
     * empty, as it does one that does not mention TLS; {@link BackingService#toJdbcUrl()}
     * still passes the explicit mode to the driver.
     */
    DISABLE("disable"),
    /** Plain first, TLS if the server insists. */
    ALLOW("allow"),
    /** TLS first, plain if the server cannot. */
    PREFER("prefer"),
    /** TLS, without verifying the server's certificate. */
    REQUIRE("require"),
    /** TLS, verifying the certificate chain but not the host name. */
    VERIFY_CA("verify-ca"),
    /** TLS, verifying the certificate chain and that it names the host. */
    VERIFY_FULL("verify-full");

    private final String sslmode;

    Tls(String sslmode) {
        this.sslmode = sslmode;
    }

    /**
     * The libpq {@code sslmode} value of this mode.
     *
     * @return {@code disable}, {@code allow}, {@code prefer}, {@code require},
     *     {@code verify-ca} or {@code verify-full}
     */
    public String sslmode() {
        return sslmode;
    }

    /**
     * Whether a connection in this mode is always encrypted.
     *
     * @return {@code true} for {@link #REQUIRE}, {@link #VERIFY_CA} and {@link #VERIFY_FULL}
     */
    public boolean isRequired() {
        return compareTo(REQUIRE) >= 0;
    }

    static Tls ofSslmode(String value) {
        for (Tls t : values()) {
            if (t.sslmode.equals(value)) {
                return t;
            }
        }
        return null;
    }
}
