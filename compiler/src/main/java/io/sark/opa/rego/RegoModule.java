package io.sark.opa.rego;

import java.util.List;

/** A parsed .rego file. */
public record RegoModule(Location loc, Package pkg, List<Import> imports, List<Rule> rules, RegoVersion version,
        List<Comment> comments) {
    public RegoModule {
        imports = List.copyOf(imports);
        rules = List.copyOf(rules);
        comments = List.copyOf(comments);
    }

    /**
     * Whether the module imports {@code future.keywords.not} (OPA 1.17): a negated expression then holds all of its
     * parts, so an undefined operand makes the negation true instead of the expression undefined.
     */
    public boolean negatesWholeExpressions() {
        return imports.stream().anyMatch(i -> i.path().headName().equals("future") && i.path().path().size() == 2
                && i.path().path().get(1) instanceof Term.Str s && s.value().equals("not"));
    }

    /** {@code package a.b}: path as written (OPA roots it under {@code data}). */
    public record Package(Location loc, Term.Ref path, List<Metadata> metadata) {
        public Package {
            metadata = List.copyOf(metadata);
        }
    }

    /** {@code import data.a.b as c}: alias null when absent. */
    public record Import(Location loc, Term.Ref path, String alias) {}
}
