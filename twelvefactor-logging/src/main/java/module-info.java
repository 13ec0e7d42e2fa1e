/**
 * An SLF4J 2 provider writing one JSON object per line to stdout (Twelve-Factor XI), with
 * {@code java.util.logging} and {@link java.lang.System.Logger} routed to the same stream.
 */
module io.twelvefactor.logging {
    requires transitive org.slf4j;
    requires java.logging;

    exports io.twelvefactor.logging;

    provides org.slf4j.spi.SLF4JServiceProvider with io.twelvefactor.logging.StdoutServiceProvider;
    provides java.lang.System.LoggerFinder with io.twelvefactor.logging.StdoutLoggerFinder;
}
