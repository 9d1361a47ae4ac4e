package io.sark.opa.regoc;

import io.sark.opa.rego.RegoModule;
import io.sark.opa.rego.Rule;
import java.util.List;

/**
 * All definitions of one rule (one data path), with the module each came from so their bodies resolve
 * names against the right package and imports.
 */
record RuleGroup(List<String> path, List<Definition> definitions) {
    record Definition(RegoModule module, Rule rule) {}

    /** OPA's function name for the rule planned under a context of this generation: {@code g0.data.<path>}. */
    String funcName(int generation) {
        return "g" + generation + ".data." + String.join(".", path);
    }

    Rule.Kind kind() {
        return definitions.get(0).rule().head().kind();
    }

    /** Arguments a function rule takes (0 for other rules). */
    int arity() {
        return definitions.get(0).rule().head().args().size();
    }
}
