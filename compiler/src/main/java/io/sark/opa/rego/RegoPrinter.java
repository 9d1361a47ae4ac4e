package io.sark.opa.rego;

import io.sark.opa.rego.Literal.With;
import io.sark.opa.rego.Term.ArrayCompr;
import io.sark.opa.rego.Term.ArrayTerm;
import io.sark.opa.rego.Term.Bool;
import io.sark.opa.rego.Term.Call;
import io.sark.opa.rego.Term.Null;
import io.sark.opa.rego.Term.Num;
import io.sark.opa.rego.Term.ObjectCompr;
import io.sark.opa.rego.Term.ObjectTerm;
import io.sark.opa.rego.Term.Ref;
import io.sark.opa.rego.Term.SetCompr;
import io.sark.opa.rego.Term.SetTerm;
import io.sark.opa.rego.Term.Str;
import io.sark.opa.rego.Term.TemplateString;
import io.sark.opa.rego.Term.Var;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Prints an AST back as Rego v1 text (one rule per line, bodies on one line, infix calls in parentheses). For
 * debugging and round-trip tests, not for pretty output; comments and metadata are not printed.
 */
public final class RegoPrinter {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private RegoPrinter() {}

    public static String print(RegoModule m) {
        StringBuilder b = new StringBuilder("package ").append(term(m.pkg().path())).append('\n');
        b.append("import rego.v1\n");
        for (RegoModule.Import i : m.imports()) {
            String path = term(i.path());
            if (path.startsWith("future.") || path.equals("rego.v1")) {
                continue;
            }
            b.append("import ").append(path).append(i.alias() == null ? "" : " as " + i.alias()).append('\n');
        }
        for (Rule r : m.rules()) {
            b.append(rule(r)).append('\n');
        }
        return b.toString();
    }

    public static String rule(Rule r) {
        Rule.Head h = r.head();
        StringBuilder b = new StringBuilder(r.isDefault() ? "default " : "").append(term(h.ref()));
        if (h.kind() == Rule.Kind.FUNCTION) {
            b.append('(').append(terms(h.args())).append(')');
        }
        if (h.kind() == Rule.Kind.MULTI_VALUE) {
            b.append(" contains ").append(term(h.key()));
        } else {
            b.append(h.assign() ? " := " : " = ").append(term(h.value()));
        }
        if (!r.isDefault()) {
            b.append(" if ").append(body(r.body()));
        }
        for (Rule e = r.elseRule(); e != null; e = e.elseRule()) {
            b.append(" else ").append(e.head().assign() ? ":= " : "= ").append(term(e.head().value()))
                    .append(" if ").append(body(e.body()));
        }
        return b.toString();
    }

    public static String body(Body body) {
        return "{ " + body.literals().stream().map(RegoPrinter::literal).collect(Collectors.joining("; ")) + " }";
    }

    public static String literal(Literal l) {
        StringBuilder b = new StringBuilder(l.negated() ? "not " : "").append(expr(l.expr()));
        for (With w : l.withs()) {
            b.append(" with ").append(term(w.target())).append(" as ").append(term(w.value()));
        }
        return b.toString();
    }

    public static String expr(Expr e) {
        if (e instanceof Expr.TermExpr t) {
            return term(t.term());
        } else if (e instanceof Expr.Unify u) {
            return term(u.left()) + " = " + term(u.right());
        } else if (e instanceof Expr.Assign a) {
            return term(a.left()) + " := " + term(a.right());
        } else if (e instanceof Expr.SomeVars s) {
            return "some " + terms(List.copyOf(s.vars()));
        } else if (e instanceof Expr.SomeIn s) {
            return "some " + (s.key() == null ? "" : term(s.key()) + ", ") + term(s.value()) + " in "
                    + term(s.collection());
        }
        Expr.Every ev = (Expr.Every) e;
        return "every " + (ev.key() == null ? "" : term(ev.key()) + ", ") + term(ev.value()) + " in "
                + term(ev.domain()) + " " + body(ev.body());
    }

    public static String term(Term t) {
        if (t instanceof Null) {
            return "null";
        } else if (t instanceof Bool b) {
            return Boolean.toString(b.value());
        } else if (t instanceof Num n) {
            return n.text();
        } else if (t instanceof Str s) {
            return quote(s.value());
        } else if (t instanceof Var v) {
            return v.name();
        } else if (t instanceof Ref r) {
            return ref(r);
        } else if (t instanceof ArrayTerm a) {
            return "[" + terms(a.items()) + "]";
        } else if (t instanceof SetTerm s) {
            return s.items().isEmpty() ? "set()" : "{" + terms(s.items()) + "}";
        } else if (t instanceof ObjectTerm o) {
            return "{" + o.entries().stream().map(en -> term(en.key()) + ": " + term(en.value()))
                    .collect(Collectors.joining(", ")) + "}";
        } else if (t instanceof ArrayCompr c) {
            return "[" + term(c.head()) + " | " + query(c.body()) + "]";
        } else if (t instanceof SetCompr c) {
            return "{" + term(c.head()) + " | " + query(c.body()) + "}";
        } else if (t instanceof ObjectCompr c) {
            return "{" + term(c.key()) + ": " + term(c.value()) + " | " + query(c.body()) + "}";
        } else if (t instanceof TemplateString ts) {
            return templateString(ts);
        }
        return call((Call) t);
    }

    /** Always as {@code $"..."}: line breaks of raw text come out as escapes. */
    private static String templateString(TemplateString ts) {
        StringBuilder b = new StringBuilder("$\"");
        for (TemplateString.Part p : ts.parts()) {
            if (p instanceof TemplateString.Text text) {
                String quoted = quote(text.value());
                b.append(quoted.substring(1, quoted.length() - 1).replace("{", "\\{"));
            } else {
                b.append('{').append(literal(((TemplateString.Expression) p).literal())).append('}');
            }
        }
        return b.append('"').toString();
    }

    private static String call(Call c) {
        if (c.infix()) {
            if (c.name().equals(Operator.MEMBER)) {
                return "(" + term(c.args().get(0)) + " in " + term(c.args().get(1)) + ")";
            }
            if (c.name().equals(Operator.MEMBER_3)) {
                return "(" + term(c.args().get(0)) + ", " + term(c.args().get(1)) + " in " + term(c.args().get(2))
                        + ")";
            }
            Operator op = Operator.ofBuiltin(c.name());
            if (op != null && c.args().size() == 2) {
                return "(" + term(c.args().get(0)) + " " + op.token.symbol + " " + term(c.args().get(1)) + ")";
            }
        }
        return term(c.function()) + "(" + terms(c.args()) + ")";
    }

    private static String query(Body body) {
        return body.literals().stream().map(RegoPrinter::literal).collect(Collectors.joining("; "));
    }

    private static String ref(Ref r) {
        StringBuilder b = new StringBuilder(term(r.head()));
        for (Term p : r.path()) {
            if (p instanceof Str s && NAME.matcher(s.value()).matches()) {
                b.append('.').append(s.value());
            } else {
                b.append('[').append(term(p)).append(']');
            }
        }
        return b.toString();
    }

    private static String terms(List<? extends Term> ts) {
        return ts.stream().map(RegoPrinter::term).collect(Collectors.joining(", "));
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
