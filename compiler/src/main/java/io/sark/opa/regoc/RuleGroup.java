package io.sark.opa.regoc;

import io.sark.opa.rego.RegoModule;
import io.sark.opa.rego.Rule;
import io.sark.opa.rego.Term;
import java.util.ArrayList;
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

    /**
     * The terms of a definition's head reference below this group's path: the keys it defines in the object the
     * group builds ({@code p[q].r := 1} grouped at {@code p} gives {@code [q, "r"]}; a set rule's element is
     * not among them).
     */
    List<Term> keys(Definition d) {
        List<String> constant = RuleIndex.headPath(d.rule());
        List<Term> all = new ArrayList<>();
        RuleIndex.packagePath(d.module()).forEach(s -> all.add(new Term.Str(d.rule().loc(), s)));
        constant.forEach(s -> all.add(new Term.Str(d.rule().loc(), s)));
        List<Term> ref = d.rule().head().ref().path();
        all.addAll(ref.subList(constant.size() - 1, ref.size()));
        return all.subList(path.size(), all.size());
    }

    /** Whether the rules build an object, each defining keys below the group's path (OPA's buildObject). */
    boolean buildsObject() {
        return definitions.stream().anyMatch(d -> !keys(d).isEmpty());
    }

    Rule.Kind kind() {
        return definitions.get(0).rule().head().kind();
    }

    /** Arguments a function rule takes (0 for other rules). */
    int arity() {
        return definitions.get(0).rule().head().args().size();
    }
}
