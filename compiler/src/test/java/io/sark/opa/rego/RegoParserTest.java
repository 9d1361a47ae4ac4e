package io.sark.opa.rego;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sark.opa.rego.Rule.Kind;
import io.sark.opa.rego.Term.Num;
import io.sark.opa.rego.Term.Ref;
import io.sark.opa.rego.Term.Str;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegoParserTest {

    private static RegoModule v0(String text) {
        return RegoParser.parseModule("policy.rego", text, RegoVersion.V0);
    }

    private static RegoModule v1(String text) {
        return RegoParser.parseModule("policy.rego", text);
    }

    /** One v1 query printed back: infix calls come out fully parenthesized. */
    private static String q(String query) {
        Body b = RegoParser.parseQuery("q.rego", query, RegoVersion.V1);
        return b.literals().stream().map(RegoPrinter::literal).reduce((a, c) -> a + "; " + c).orElseThrow();
    }

    /** The message of the parse error {@code r} throws. */
    static String error(Runnable r) {
        try {
            r.run();
        } catch (RegoParseException e) {
            return e.getMessage();
        }
        throw new AssertionError("no parse error");
    }

    // ---- operators and terms

    @Test
    void precedenceFollowsRego() {
        assertThat(q("x := a + b * c")).isEqualTo("x := (a + (b * c))");
        assertThat(q("a - b - c")).isEqualTo("((a - b) - c)");
        assertThat(q("a | b & c")).isEqualTo("(a | (b & c))");
        assertThat(q("a + 1 == b | c")).isEqualTo("((a + 1) == (b | c))");
        assertThat(q("x in xs == false")).isEqualTo("(x in (xs == false))");
        assertThat(q("(a + b) * c")).isEqualTo("((a + b) * c)");
        assertThat(q("a % 2 != 0")).isEqualTo("((a % 2) != 0)");
        assertThat(q("a < b; c <= d; e > f; g >= h"))
                .isEqualTo("(a < b); (c <= d); (e > f); (g >= h)");
    }

    @Test
    void infixCallsUseOpaBuiltinNames() {
        Expr.TermExpr e = (Expr.TermExpr) RegoParser.parseQuery("q", "a - b", RegoVersion.V1).literals().get(0).expr();
        Term.Call c = (Term.Call) e.term();
        assertThat(c.name()).isEqualTo("minus");
        assertThat(c.infix()).isTrue();
        Term.Call in = (Term.Call) ((Expr.TermExpr) RegoParser.parseQuery("q", "k, v in xs", RegoVersion.V1)
                .literals().get(0).expr()).term();
        assertThat(in.name()).isEqualTo("internal.member_3");
        assertThat(in.args()).hasSize(3);
    }

    @Test
    void negativeNumbersAndSubtraction() {
        assertThat(q("x := -1")).isEqualTo("x := -1");
        assertThat(q("x := a-1")).isEqualTo("x := (a - 1)");
        assertThat(q("x := a - -1.5e3")).isEqualTo("x := (a - -1.5e3)");
        assertThat(q("x := [1, -2]")).isEqualTo("x := [1, -2]");
        assertThat(q("x := -y")).isEqualTo("x := minus(0, y)");
        assertThat(q("x := .5 + -.25")).isEqualTo("x := (.5 + -.25)");
    }

    @Test
    void numbersKeepTheirText() {
        Expr.Assign a = (Expr.Assign) RegoParser.parseQuery("q", "x := 1.50", RegoVersion.V1).literals().get(0)
                .expr();
        assertThat(((Num) a.right()).text()).isEqualTo("1.50");
        assertThat(q("x := 12345678901234567890123")).isEqualTo("x := 12345678901234567890123");
    }

    @Test
    void leadingZerosAreRefusedAsByOpa() {
        // v1/ast/parser.go, parseNumber: only 0, 0.x and 0eN may begin with a zero
        assertThat(error(() -> q("x := 01"))).isEqualTo("q.rego:1:6: expected number without leading zero");
        assertThat(error(() -> q("x := -007"))).endsWith("expected number without leading zero");
        assertThat(q("x := [0, 0.5, 0e3, .05, -0.01]")).isEqualTo("x := [0, 0.5, 0e3, .05, -0.01]");
    }

    @Test
    void stringsAndRawStrings() {
        Expr.Assign a = (Expr.Assign) RegoParser.parseQuery("q", "x := \"a\\\"b\\n\\u00e9\\ud83d\\ude00\\/\"",
                RegoVersion.V1).literals().get(0).expr();
        assertThat(((Str) a.right()).value()).isEqualTo("a\"b\né\uD83D\uDE00/");
        Expr.Assign raw = (Expr.Assign) RegoParser.parseQuery("q", "x := `a\\d+\n\"z\"`", RegoVersion.V1)
                .literals().get(0).expr();
        assertThat(((Str) raw.right()).value()).isEqualTo("a\\d+\n\"z\"");
    }

    @Test
    void refsAndCalls() {
        Expr.TermExpr e = (Expr.TermExpr) RegoParser.parseQuery("q", "a.b[c][\"d\"][_]", RegoVersion.V1)
                .literals().get(0).expr();
        Ref r = (Ref) e.term();
        assertThat(r.headName()).isEqualTo("a");
        assertThat(r.path()).hasSize(4);
        assertThat(r.path().get(0)).isEqualTo(new Str(new Location("q", 1, 3), "b"));
        assertThat(q("input")).isEqualTo("input");
        assertThat(q("data.x[0].y")).isEqualTo("data.x[0].y");
        assertThat(q("count(x) > 0")).isEqualTo("(count(x) > 0)");
        assertThat(q("a.b.c(x, y)")).isEqualTo("a.b.c(x, y)");
        assertThat(q("f(x)[0].y")).isEqualTo("f(x)[0].y");
        assertThat(q("x := a[i + 1]")).isEqualTo("x := a[(i + 1)]");
        assertThat(q("x := [1, 2][0]")).isEqualTo("x := [1, 2][0]");
        // a space ends a ref: `a [0]` is not `a[0]`
        assertThat(error(() -> RegoParser.parseQuery("q", "x := a [0]", RegoVersion.V1)))
                .isEqualTo("q:1:8: expected end of file but found '['");
    }

    @Test
    void compositesAndComprehensions() {
        assertThat(q("x := {}")).isEqualTo("x := {}");
        assertThat(q("x := set()")).isEqualTo("x := set()");
        assertThat(q("x := {1, 2,}")).isEqualTo("x := {1, 2}");
        assertThat(q("x := {\"a\": 1, b: [2]}")).isEqualTo("x := {\"a\": 1, b: [2]}");
        assertThat(q("x := [y | y := xs[_]; y > 1]")).isEqualTo("x := [y | y := xs[_]; (y > 1)]");
        assertThat(q("x := {y | some y in xs}")).isEqualTo("x := {y | some y in xs}");
        assertThat(q("x := {k: v | v := o[k]}")).isEqualTo("x := {k: v | v := o[k]}");
        assertThat(q("x := [a | b]")).isEqualTo("x := [a | b]");
        assertThat(q("x := [(a | b)]")).isEqualTo("x := [(a | b)]");
        assertThat(q("x := {a | b}")).isEqualTo("x := {a | b}");
        assertThat(q("x := {1 + 1: 2}")).isEqualTo("x := {(1 + 1): 2}");
        assertThat(q("x := [y |\n  y := 1\n  true\n]")).isEqualTo("x := [y | y := 1; true]");
    }

    @Test
    void someEveryNotWith() {
        assertThat(q("some x, y")).isEqualTo("some x, y");
        assertThat(q("some x in xs")).isEqualTo("some x in xs");
        assertThat(q("some k, v in {\"a\": 1}")).isEqualTo("some k, v in {\"a\": 1}");
        assertThat(q("some [a, b] in pairs")).isEqualTo("some [a, b] in pairs");
        assertThat(q("every k, v in xs { v > k }")).isEqualTo("every k, v in xs { (v > k) }");
        assertThat(q("not x == 1 with input as {} with data.a.b as 2"))
                .isEqualTo("not (x == 1) with input as {} with data.a.b as 2");
        assertThat(q("x = y")).isEqualTo("x = y");
        assertThat(q("contains(\"abc\", \"b\")")).isEqualTo("contains(\"abc\", \"b\")");
    }

    // ---- rules

    @Test
    void v0RuleForms() {
        RegoModule m = v0("""
                package a.b
                import data.x as y
                default allow = false
                allow { input.user == "admin" }
                s[x] { x := 1 }
                o[k] = v { k := "a"; v := 1 }
                c = 1
                f(x, y) = z { z := x + y }
                g(x) { x > 0 }
                r.s[t] := 1 { t := "k" }
                multi { false } { true }
                e = 1 { false } else = 2 { false } else { true }
                """);
        assertThat(m.version()).isEqualTo(RegoVersion.V0);
        assertThat(RegoPrinter.term(m.pkg().path())).isEqualTo("a.b");
        assertThat(m.imports()).singleElement().satisfies(i -> assertThat(i.alias()).isEqualTo("y"));
        List<Rule> rs = m.rules();
        assertThat(rs).extracting(r -> RegoPrinter.rule(r)).containsExactly(
                "default allow = false",
                "allow = true if { (input.user == \"admin\") }",
                "s contains x if { x := 1 }",
                "o[k] = v if { k := \"a\"; v := 1 }",
                "c = 1 if { true }",
                "f(x, y) = z if { z := (x + y) }",
                "g(x) = true if { (x > 0) }",
                "r.s[t] := 1 if { t := \"k\" }",
                "multi = true if { false }",
                "multi = true if { true }",
                "e = 1 if { false } else = 2 if { false } else = true if { true }");
        assertThat(rs.get(2).head().kind()).isEqualTo(Kind.MULTI_VALUE);
        assertThat(rs.get(3).head().kind()).isEqualTo(Kind.SINGLE_VALUE);
        assertThat(rs.get(5).head().kind()).isEqualTo(Kind.FUNCTION);
        assertThat(rs.get(0).isDefault()).isTrue();
    }

    /**
     * OPA's parseHeadFinish (v1/ast/parser.go) skips whitespace between a head's name and its first {@code [},
     * {@code .} or {@code (}; later segments touch, as in any ref.
     */
    @Test
    void ruleHeadMayHaveSpaceBeforeItsFirstSegment() {
        RegoModule m = v0("""
                package p
                deny [msg] {
                  msg := "x"
                }
                f (x) = y { y := x }
                a .b[c] { c := 1 }
                """);
        assertThat(m.rules()).extracting(r -> RegoPrinter.rule(r)).containsExactly(
                "deny contains msg if { msg := \"x\" }",
                "f(x) = y if { y := x }",
                "a.b[c] = true if { c := 1 }");
        assertThat(m.rules().get(0).head().kind()).isEqualTo(Kind.MULTI_VALUE);
        assertThat(error(() -> v0("package p\na .b [c] { c := 1 }"))).startsWith("policy.rego:2:6: ");
    }

    @Test
    void v0SetShorthandNeedsATwoPartNameAndNoIf() {
        RegoModule m = v0("""
                package p
                import future.keywords.if
                y.a { true }
                y["b"] { true }
                report["r1"]
                z.a if { true }
                z[x] if { x := 1 }
                w.v[x] { x := 1 }
                """);
        assertThat(m.rules()).extracting(r -> RegoPrinter.rule(r)).containsExactly(
                "y contains \"a\" if { true }",
                "y contains \"b\" if { true }",
                "report contains \"r1\" if { true }",
                "z.a = true if { true }",
                "z[x] = true if { x := 1 }",
                "w.v[x] = true if { x := 1 }");
    }

    @Test
    void v1RuleForms() {
        RegoModule m = v1("""
                package p
                allow if input.admin
                deny contains msg if {
                    some x in input.items
                    msg := sprintf("%v", [x])
                }
                obj[k] := 1 if some k in ["a"]
                flag[x] if x := 1
                f(x) := x + 1
                g(x) := 1 if x > 0 else := 0
                """);
        assertThat(m.version()).isEqualTo(RegoVersion.V1);
        assertThat(m.rules()).extracting(r -> RegoPrinter.rule(r)).containsExactly(
                "allow = true if { input.admin }",
                "deny contains msg if { some x in input.items; msg := sprintf(\"%v\", [x]) }",
                "obj[k] := 1 if { some k in [\"a\"] }",
                "flag[x] = true if { x := 1 }",
                "f(x) := (x + 1) if { true }",
                "g(x) := 1 if { (x > 0) } else := 0 if { true }");
        // in v1, p[x] without a value is single-valued (p[x] = true)
        assertThat(m.rules().get(3).head().kind()).isEqualTo(Kind.SINGLE_VALUE);
    }

    @Test
    void versionComesFromImports() {
        RegoModule future = v0("package p\nimport future.keywords.in\nimport future.keywords.if\np if 1 in [1]\n");
        assertThat(future.version()).isEqualTo(RegoVersion.V0);
        assertThat(RegoPrinter.rule(future.rules().get(0))).isEqualTo("p = true if { (1 in [1]) }");
        RegoModule regoV1 = v0("package p\nimport rego.v1\ns contains 1 if true\n");
        assertThat(regoV1.version()).isEqualTo(RegoVersion.V1);
        // without the import, `in` is a name in v0
        RegoModule plain = v0("package p\np { in := 1; in == 1 }\n");
        assertThat(plain.rules()).hasSize(1);
    }

    @Test
    void metadataAttachesToTheNextRuleOrPackage() {
        RegoModule m = v1("""
                # METADATA
                # description: pkg
                package p

                # a plain comment
                # METADATA
                # title: allow
                # entrypoint: true
                # authors:
                # - someone
                allow if true

                deny if false
                """);
        assertThat(m.pkg().metadata()).singleElement().satisfies(md -> {
            assertThat(md.yaml()).isEqualTo("description: pkg");
            assertThat(md.loc()).isEqualTo(new Location("policy.rego", 1, 1));
            assertThat(md.entrypoint()).isFalse();
        });
        Rule allow = m.rules().get(0);
        assertThat(allow.metadata()).singleElement().satisfies(md -> {
            assertThat(md.yaml()).isEqualTo("title: allow\nentrypoint: true\nauthors:\n- someone");
            assertThat(md.loc().row()).isEqualTo(6);
            assertThat(md.entrypoint()).isTrue();
        });
        assertThat(m.rules().get(1).metadata()).isEmpty();
        assertThat(m.comments()).hasSize(8);
    }

    @Test
    void locationsAreOneBased() {
        RegoModule m = v0("package p\n\nq[x] {\n  x := 1\n}\n");
        Rule r = m.rules().get(0);
        assertThat(r.loc()).isEqualTo(new Location("policy.rego", 3, 1));
        assertThat(r.head().key().loc()).isEqualTo(new Location("policy.rego", 3, 3));
        Literal lit = r.body().literals().get(0);
        assertThat(lit.loc()).isEqualTo(new Location("policy.rego", 4, 3));
        assertThat(((Expr.Assign) lit.expr()).right().loc()).isEqualTo(new Location("policy.rego", 4, 8));
    }

    @Test
    void bodiesSplitOnSemicolonsAndNewlines() {
        RegoModule m = v0("package p\nq {\n  a := 1; b := 2\n  c := a +\n    b\n}\n");
        assertThat(RegoPrinter.rule(m.rules().get(0))).isEqualTo("q = true if { a := 1; b := 2; c := (a + b) }");
    }

    // ---- errors

    @Test
    void errorsSayWhereAndWhat() {
        assertThat(error(() -> v0("package p\nimport future.keywords.if\nallow { x } if { y }\n")))
                .isEqualTo("policy.rego:3:13: expected a rule but found 'if'");
        assertThat(error(() -> v0("package p\nq { x y }\n")))
                .isEqualTo("policy.rego:2:7: expected '}' but found 'y'");
        assertThat(error(() -> v0("package p\nq { x\n")))
                .isEqualTo("policy.rego:3:1: expected '}' but found end of file");
        assertThat(error(() -> v1("package p\nq { true }\n")))
                .isEqualTo("policy.rego:2:3: expected 'if' before the rule body (Rego v1) but found '{'");
        assertThat(error(() -> v1("q := 1\n")))
                .isEqualTo("policy.rego:1:1: expected 'package' but found 'q'");
        assertThat(error(() -> v1("package p\nq := \"abc\n")))
                .isEqualTo("policy.rego:2:6: unterminated string");
        assertThat(error(() -> v1("package p\nq := 1 ? 2\n")))
                .isEqualTo("policy.rego:2:8: unexpected character '?'");
        assertThat(error(() -> v0("package p\nq {}\n")))
                .isEqualTo("policy.rego:2:4: expected an expression (bodies cannot be empty) but found '}'");
        assertThat(error(() -> v1("package p\nq if { true } else if {}\n")))
                .isEqualTo("policy.rego:2:24: expected an expression (bodies cannot be empty) but found '}'");
        assertThat(error(() -> v1("package p\nimport future.keywords.nope\n")))
                .isEqualTo("policy.rego:2:8: unexpected keyword, must be one of [contains, every, if, in]");
        assertThatThrownBy(() -> v1("package p\nq := [1, 2\n")).isInstanceOf(RegoParseException.class)
                .satisfies(e -> assertThat(((RegoParseException) e).location().row()).isEqualTo(3));
    }
    /**
     * A default value is a constant: no ref, var or call (operators are calls) outside its comprehensions, as
     * OPA's parser requires (v1/ast/parser.go validateDefaultRuleValue).
     */
    @Test
    void defaultValuesAreConstants() {
        assertThat(error(() -> v1("package p\ndefault a := {\"b\": 5}.b\n")))
                .isEqualTo("policy.rego:2:1: illegal default rule (value cannot contain ref)");
        assertThat(error(() -> v1("package p\ndefault a := [1, {\"k\": 5 + 6}]\n")))
                .isEqualTo("policy.rego:2:1: illegal default rule (value cannot contain call)");
        assertThat(error(() -> v1("package p\ndefault f(_) := {x}\n")))
                .isEqualTo("policy.rego:2:1: illegal default rule (value cannot contain var)");
        RegoModule m = v1("package p\ndefault a := [-6, {\"k\": set()}, [x | some x in input.xs]]\n");
        assertThat(m.rules()).hasSize(1);
    }
    /** A ref's name follows its dot directly, as OPA's parseRef scans it (v1/ast/parser.go: "expected ident"). */
    @Test
    void whitespaceAfterARefsDotIsAnError() {
        assertThat(error(() -> v1("package p\nx := regex.\nmatch(\"^a\", \"b\")\n")))
                .isEqualTo("policy.rego:2:12: unexpected whitespace token: expected ident");
        assertThat(error(() -> v1("package p\nx := input. y\n")))
                .isEqualTo("policy.rego:2:12: unexpected whitespace token: expected ident");
        assertThat(v1("package p\nx := input.if.y\n").rules()).hasSize(1);
    }
}
