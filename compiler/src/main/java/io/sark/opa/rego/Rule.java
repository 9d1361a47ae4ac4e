package io.sark.opa.rego;

import java.util.List;

/**
 * One rule definition. {@code p { a } { b }} gives two rules with the same head; {@code else} branches hang off
 * {@code elseRule} (same ref and args, their own value and body). A rule written without a body has the body
 * {@code true}.
 */
public record Rule(Location loc, boolean isDefault, Head head, Body body, Rule elseRule, List<Metadata> metadata) {
    public Rule {
        metadata = List.copyOf(metadata);
    }

    public enum Kind {
        /** {@code p := v}, {@code p { }}, {@code p.q[r] := v}, v0 {@code p[k] = v} (ref carries the key). */
        SINGLE_VALUE,
        /** {@code p contains x}, v0 {@code p[x] { }}: ref names the set, key is the element. */
        MULTI_VALUE,
        /** {@code f(x, y) := z}. */
        FUNCTION
    }

    /**
     * @param ref the rule's name as a ref with a Var head ({@code p}, {@code a.b.p}, {@code p[k]})
     * @param args function parameters (empty unless FUNCTION)
     * @param key the element of a MULTI_VALUE rule, else null
     * @param value the value (Bool true when the source gives none); null for MULTI_VALUE
     * @param assign written with {@code :=} rather than {@code =}
     */
    public record Head(Location loc, Kind kind, Term.Ref ref, List<Term> args, Term key, Term value,
            boolean assign) {
        public Head {
            args = List.copyOf(args);
        }
    }
}
