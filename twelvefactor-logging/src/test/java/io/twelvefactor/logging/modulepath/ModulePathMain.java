package io.twelvefactor.logging.modulepath;

import org.slf4j.LoggerFactory;

/**
 * Run by {@code ModulePathTest} in a child JVM from the class path, with twelvefactor-logging and
 * slf4j-api on the module path: there the providers are found only through {@code provides}.
 * It lives outside {@code io.twelvefactor.logging}, a package the named module owns.
 */
public final class ModulePathMain {

    private ModulePathMain() {
    }

    /**
     * Logs one event through SLF4J, JUL and System.Logger each.
     *
     * @param args none
     */
    public static void main(String[] args) {
        LoggerFactory.getLogger("modular").atInfo()
                .addKeyValue("provider_module", LoggerFactory.getILoggerFactory().getClass().getModule().getName())
                .log("from SLF4J");
        java.util.logging.Logger.getLogger("jul.modular").info("from JUL");
        System.getLogger("system.modular").log(System.Logger.Level.WARNING, "from System.Logger");
    }
}
