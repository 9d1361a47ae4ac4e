package io.sark.opa.regoc;

import io.sark.opa.rego.Term;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the {@code with} modifiers in effect change for the rules planned under them, as OPA's planner sees it:
 * rules at overridden data paths are hidden (references there read the overridden base document), and
 * functions or builtins may be replaced. Rules reached under a context are planned as its own copies, named
 * with its generation ({@code g0} is the root, where nothing is replaced).
 */
final class PlanContext {
    /** A replacement from {@code with f as value}, planned where {@code f} is called. */
    record Mock(Term value, Scope scope, FuncState owner) {}

    private final int generation;
    private final RuleIndex rules;
    private final List<Map<String, Mock>> mockFrames;

    private PlanContext(int generation, RuleIndex rules, List<Map<String, Mock>> mockFrames) {
        this.generation = generation;
        this.rules = rules;
        this.mockFrames = List.copyOf(mockFrames);
    }

    static PlanContext root(RuleIndex rules) {
        return new PlanContext(0, rules, List.of());
    }

    int generation() {
        return generation;
    }

    /** The rules visible to data references: overridden paths are base documents here. */
    RuleIndex rules() {
        return rules;
    }

    /** A nested context: {@code hidden} data paths (without "data") lose their rules, {@code mocks} apply too. */
    PlanContext with(int generation, List<List<String>> hidden, Map<String, Mock> mocks) {
        List<Map<String, Mock>> frames = new ArrayList<>(mockFrames);
        if (!mocks.isEmpty()) {
            frames.add(Map.copyOf(mocks));
        }
        return new PlanContext(generation, rules.without(hidden), frames);
    }

    /** This context without replacements, where a replacing function is planned (so mocks never chain). */
    PlanContext withoutMocks(int generation) {
        return new PlanContext(generation, rules, List.of());
    }

    boolean hasMocks() {
        return !mockFrames.isEmpty();
    }

    /** The replacement of a function or builtin ({@code data.a.f} or {@code count}), innermost first; or null. */
    Mock mock(String function) {
        for (int i = mockFrames.size() - 1; i >= 0; i--) {
            Mock m = mockFrames.get(i).get(function);
            if (m != null) {
                return m;
            }
        }
        return null;
    }
}
