package io.twelvefactor.config;

import java.time.Duration;

/** Started by {@link ProcessEnvironmentTest} in a child JVM: binds the real environment and prints the result. */
public final class BindMain {
    private BindMain() {
    }

    /** The config the child binds. */
    @Prefix("CHILD")
    public record ChildConfig(int port, String name, @Default("5s") Duration timeout, Secret<String> token) {
    }

    /**
     * Prints the bound config, or {@code PROBLEMS} and every problem on its own line.
     *
     * @param args unused
     */
    public static void main(String[] args) {
        try {
            ChildConfig config = Env.bind(ChildConfig.class);
            System.out.println("BOUND " + config);
        } catch (ConfigException e) {
            System.out.println("PROBLEMS");
            for (ConfigException.Problem p : e.problems()) {
                System.out.println(p);
            }
        }
    }
}
