package io.twelvefactor.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twelvefactor.lifecycle.ShutdownReport.HookResult;
import io.twelvefactor.lifecycle.ShutdownReport.Outcome;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;

/**
 * Any sequence of registrations, signals and shutdown() calls runs each hook registered before
 * the shutdown exactly once, in phase order and last-registered-first within a phase, rejects
 * later registrations, and hands every caller the same report.
 */
class ShutdownStatefulPropertiesTest {

    @Property(tries = 300)
    void anySequenceKeepsPhaseOrderLifoAndASingleRun(@ForAll("chains") ActionChain<World> chain) {
        World end = chain.run();
        end.shutdown(); // whatever the chain did last, a final shutdown() must agree with the model
    }

    @Provide
    Arbitrary<ActionChain<World>> chains() {
        return ActionChain.startWith(World::new)
                .withAction(4, (Action.Independent<World>) () -> Arbitraries.of(Phase.class)
                        .map(phase -> Transformer.mutate("register in " + phase, w -> w.register(phase))))
                .withAction(1, Action.just(Transformer.mutate("shutdown()", World::shutdown)))
                .withAction(1, Action.just(Transformer.mutate("SIGTERM", World::sigterm)))
                .withMaxTransformations(25);
    }

    static final class World {
        private final Fixture fx = new Fixture();
        private final Shutdown shutdown = fx.build();
        private final List<Phase> phases = new ArrayList<>();
        private final List<String> ran = Collections.synchronizedList(new ArrayList<>());
        private boolean began;
        private ShutdownReport report;

        void register(Phase phase) {
            String name = "h" + phases.size() + "-" + phase;
            Hook hook = () -> ran.add(name);
            if (began) {
                assertThrows(IllegalStateException.class, () -> shutdown.register(phase, name, hook));
            } else {
                shutdown.register(phase, name, hook);
                phases.add(phase);
            }
        }

        void sigterm() {
            began = true;
            fx.signal("TERM"); // asynchronous, as the JDK delivers signals: wait for it to land
            ShutdownTest.awaitShuttingDown(shutdown);
        }

        void shutdown() {
            began = true;
            ShutdownReport r = shutdown.shutdown();
            if (report != null) {
                assertSame(report, r);
            }
            report = r;
            List<String> expected = expectedOrder();
            assertEquals(expected, List.copyOf(ran), "each hook once, phases in order, LIFO within a phase");
            assertEquals(expected, r.hooks().stream().map(HookResult::name).toList());
            assertTrue(r.hooks().stream().allMatch(h -> h.outcome() == Outcome.OK));
        }

        private List<String> expectedOrder() {
            List<String> order = new ArrayList<>();
            for (Phase p : Phase.values()) {
                for (int i = phases.size() - 1; i >= 0; i--) {
                    if (phases.get(i) == p) {
                        order.add("h" + i + "-" + p);
                    }
                }
            }
            return order;
        }

        @Override
        public String toString() {
            return "World" + phases;
        }
    }
}
