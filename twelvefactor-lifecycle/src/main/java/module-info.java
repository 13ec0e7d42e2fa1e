/**
 * Graceful, signal-aware shutdown with one budget (Twelve-Factor IX). Entry point:
 * {@link io.twelvefactor.lifecycle.Shutdown#install()}.
 */
module io.twelvefactor.lifecycle {
    exports io.twelvefactor.lifecycle;

    // sun.misc.Signal, reached through a class PosixSignals defines at run time
    requires jdk.unsupported;
    // the optional /livez, /readyz and /startupz server
    requires jdk.httpserver;
    // RuntimeMXBean, for the startup time Shutdown.started() logs where /proc is missing
    requires java.management;
    // to see whether a System.Logger backend is installed before asking for one (see Log)
    uses java.lang.System.LoggerFinder;
}
