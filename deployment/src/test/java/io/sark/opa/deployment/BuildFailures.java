package io.sark.opa.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Checks that a build failed because of a {@link PolicyBuildException} whose message says which file and what. */
public final class BuildFailures {

    private BuildFailures() {}

    /** The build failure must carry a {@link PolicyBuildException} whose message contains every fragment. */
    public static Consumer<Throwable> policyBuildFailure(String... fragments) {
        return thrown -> {
            PolicyBuildException failure = find(thrown);
            assertThat(failure).as("a PolicyBuildException in the build failure %s", thrown).isNotNull();
            for (String fragment : fragments) {
                assertThat(failure.getMessage()).contains(fragment);
            }
        };
    }

    /** The build failure must carry one {@link PolicyBuildException} per message, each containing its fragment. */
    public static Consumer<Throwable> policyBuildFailures(String... fragments) {
        return thrown -> assertThat(all(thrown)).as("the PolicyBuildExceptions in the build failure %s", thrown)
                .hasSize(fragments.length)
                .allSatisfy(failure -> assertThat(fragments).anySatisfy(f -> assertThat(failure.getMessage()).contains(f)));
    }

    private static PolicyBuildException find(Throwable thrown) {
        List<PolicyBuildException> found = all(thrown);
        return found.isEmpty() ? null : found.get(0);
    }

    /** Searches causes and suppressed exceptions: Quarkus wraps a build step's exception, ArC its validation errors. */
    private static List<PolicyBuildException> all(Throwable thrown) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> todo = new ArrayDeque<>();
        List<PolicyBuildException> found = new ArrayList<>();
        todo.add(thrown);
        while (!todo.isEmpty()) {
            Throwable t = todo.poll();
            if (t == null || !seen.add(t)) {
                continue;
            }
            if (t instanceof PolicyBuildException policy) {
                found.add(policy);
                continue;
            }
            if (t.getCause() != null) {
                todo.add(t.getCause());
            }
            Collections.addAll(todo, t.getSuppressed());
        }
        return found;
    }
}
