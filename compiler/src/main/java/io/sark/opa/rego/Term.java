package io.sark.opa.rego;

import java.util.List;

/** A Rego term: a value, a variable, a reference, a composite, a comprehension or a call. */
public sealed interface Term {
    Location loc();

    record Null(Location loc) implements Term {}

    record Bool(Location loc, boolean value) implements Term {}

    /** A number with its exact source text ({@code -1}, {@code 1.50}, {@code 1e3}), never rounded. */
    record Num(Location loc, String text) implements Term {}

    /** A string, escapes decoded; raw strings ({@code `...`}) give the same node. */
    record Str(Location loc, String value) implements Term {}

    record Var(Location loc, String name) implements Term {
        public boolean isWildcard() {
            return name.equals("_");
        }
    }

    /**
     * {@code head.a[b]["c"]}: head is usually a Var ({@code input}, {@code data}, a local, a rule name), but may be any
     * term ({@code [1, 2][i]}, {@code f(x).y}); {@code .a} is stored as the string "a". A bare {@code input} or
     * {@code data} is a Ref with an empty path.
     */
    record Ref(Location loc, Term head, List<Term> path) implements Term {
        public Ref {
            path = List.copyOf(path);
        }

        /** The head variable's name, or null when the head is not a variable. */
        public String headName() {
            return head instanceof Var v ? v.name() : null;
        }
    }

    record ArrayTerm(Location loc, List<Term> items) implements Term {
        public ArrayTerm {
            items = List.copyOf(items);
        }
    }

    record ObjectTerm(Location loc, List<Entry> entries) implements Term {
        public ObjectTerm {
            entries = List.copyOf(entries);
        }
    }

    /** One key/value pair of an object, in source order. */
    record Entry(Term key, Term value) {}

    /** A set; {@code set()} is the empty one. */
    record SetTerm(Location loc, List<Term> items) implements Term {
        public SetTerm {
            items = List.copyOf(items);
        }
    }

    record ArrayCompr(Location loc, Term head, Body body) implements Term {}

    record SetCompr(Location loc, Term head, Body body) implements Term {}

    record ObjectCompr(Location loc, Term key, Term value, Body body) implements Term {}

    /**
     * A template string {@code $"a {x} b"} or {@code $`...`} (raw): its text and expressions in order. As in OPA
     * (v1/ast/parser.go, parseTemplateString) empty text is left out and an expression is a whole literal, so it
     * may carry {@code with} modifiers.
     */
    record TemplateString(Location loc, List<Part> parts, boolean raw) implements Term {
        public TemplateString {
            parts = List.copyOf(parts);
        }

        /** Text or an expression. */
        public sealed interface Part {}

        public record Text(Location loc, String value) implements Part {}

        public record Expression(Literal literal) implements Part {}
    }

    /**
     * A call {@code count(x)} or {@code a.b.f(x)}, and every infix operator as OPA names it ({@code x + 1} is
     * {@code plus(x, 1)}, {@code x in xs} is {@code internal.member_2(x, xs)}; see {@link Operator}).
     *
     * @param function a Ref with a Var head and string path ({@code count}, {@code a.b.f})
     * @param infix written as an operator: only how it prints
     */
    record Call(Location loc, Ref function, List<Term> args, boolean infix) implements Term {
        public Call {
            args = List.copyOf(args);
        }

        /** The dotted function name, {@code count} or {@code a.b.f}. */
        public String name() {
            StringBuilder b = new StringBuilder(function.headName());
            for (Term t : function.path()) {
                b.append('.').append(((Str) t).value());
            }
            return b.toString();
        }
    }
}
