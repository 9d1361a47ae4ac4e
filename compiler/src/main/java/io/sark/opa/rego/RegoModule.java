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

    /** {@code package a.b}: path as written (OPA roots it under {@code data}). */
    public record Package(Location loc, Term.Ref path, List<Metadata> metadata) {
        public Package {
            metadata = List.copyOf(metadata);
        }
    }

    /** {@code import data.a.b as c}: alias null when absent. */
    public record Import(Location loc, Term.Ref path, String alias) {}
}
