package io.sark.opa.rego;

import io.sark.opa.rego.Rule.Head;
import io.sark.opa.rego.Rule.Kind;
import io.sark.opa.rego.Term.Bool;
import io.sark.opa.rego.Term.Call;
import io.sark.opa.rego.Term.Ref;
import io.sark.opa.rego.Term.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Package, imports and rules of one file; expressions are left to {@link ExprParser}. */
final class ModuleParser {
    private static final Set<String> IMPORT_ROOTS = Set.of("data", "input", "future", "rego");

    private final String file;
    private final TokenCursor in;
    private final ExprParser exprs;
    private final MetadataBlocks metadata;
    private final List<Comment> comments;

    ModuleParser(String file, Lexer.Result lexed, RegoVersion defaultVersion) {
        this.file = file;
        this.in = new TokenCursor(lexed.tokens(), defaultVersion);
        this.exprs = new ExprParser(in);
        this.metadata = new MetadataBlocks(lexed.comments());
        this.comments = lexed.comments();
    }

    RegoModule module() {
        RegoModule.Package pkg = packageDecl();
        List<RegoModule.Import> imports = new ArrayList<>();
        List<Rule> rules = new ArrayList<>();
        while (!in.at(Token.Kind.EOF)) {
            if (in.atKeyword("import") && !in.atKeywordRef()) {
                imports.add(importDecl());
            } else {
                rules.addAll(rule());
            }
        }
        return new RegoModule(new Location(file, 1, 1), pkg, imports, rules, in.version(), comments);
    }

    Body query() {
        Body body = exprs.query(in.peek().loc(), Token.Kind.EOF);
        in.expect(Token.Kind.EOF);
        return body;
    }

    private RegoModule.Package packageDecl() {
        Token t = in.expectKeyword("package");
        List<Metadata> md = metadata.takeBefore(t.loc());
        in.allowKeywordName(false);
        Ref path = nameRef(exprs.term(), "a package name");
        return new RegoModule.Package(t.loc(), path, md);
    }

    /**
     * {@code import data.x as y}; {@code future.keywords[.kw]} and {@code rego.v1} switch keywords on, checked as
     * OPA's parseImport, futureImport and regoV1Import do (v1/ast/parser.go).
     */
    private RegoModule.Import importDecl() {
        Token t = in.next();
        metadata.takeBefore(t.loc());
        in.allowKeywordName(false);
        Ref path = nameRef(exprs.term(), "an import path");
        if (!IMPORT_ROOTS.contains(path.headName())) {
            throw in.error(path.loc(), "import path must begin with data, input, future or rego");
        }
        String alias = null;
        if (in.acceptKeyword("as")) {
            Token a = in.expect(Token.Kind.IDENT);
            if (in.isKeyword(a.text())) {
                throw in.error(a.loc(), "unexpected import alias, must not be a keyword, got: " + a.text());
            }
            alias = a.text();
        }
        List<String> names = names(path);
        if (path.headName().equals("future")) {
            futureImport(path, names, alias);
        } else if (path.headName().equals("rego")) {
            regoImport(path, names, alias);
        } else if (alias == null && in.isVersionKeyword(names.get(names.size() - 1))) {
            throw in.error(path.loc(), "unexpected import path, must not end with a keyword, got: "
                    + names.get(names.size() - 1) + " (import a different path or use an alias)");
        }
        return new RegoModule.Import(t.loc(), path, alias);
    }

    /** {@code future.keywords} turns on every future keyword, {@code future.keywords.kw} one ({@code every} brings {@code in}). */
    private void futureImport(Ref path, List<String> names, String alias) {
        if (names.size() < 2 || !names.get(1).equals("keywords")) {
            throw in.error(path.loc(), "invalid import, must be `future.keywords`");
        }
        if (alias != null) {
            throw in.error(path.loc(), "`future` imports cannot be aliased");
        }
        if (names.size() == 2) {
            TokenCursor.FUTURE.forEach(in::enableKeyword);
            return;
        }
        String kw = names.size() == 3 ? names.get(2) : null;
        if ("not".equals(kw)) {
            in.enableNotBodies(); // OPA 1.17: `not` already is a keyword; the import changes what it negates
            return;
        }
        if (kw == null || !TokenCursor.FUTURE.contains(kw)) {
            throw in.error(path.loc(), "unexpected keyword, must be one of " + TokenCursor.FUTURE.stream().sorted().toList());
        }
        in.enableKeyword(kw);
        if (kw.equals("every")) {
            in.enableKeyword("in"); // as OPA's scanner (AddKeyword)
        }
    }

    /** {@code rego.v1}: a v0 file switches to v1 syntax; in a v1 file it changes nothing. */
    private void regoImport(Ref path, List<String> names, String alias) {
        if (!names.equals(List.of("rego", "v1"))) {
            throw in.error(path.loc(), "invalid import `" + String.join(".", names) + "`, must be `rego.v1`");
        }
        if (in.version() == RegoVersion.V1) {
            return;
        }
        if (alias != null) {
            throw in.error(path.loc(), "`rego` imports cannot be aliased");
        }
        in.setVersion(RegoVersion.V1);
    }

    /** One rule statement: several rules when it has several bodies ({@code p { a } { b }}). */
    private List<Rule> rule() {
        Token first = in.peek();
        List<Metadata> md = metadata.takeBefore(first.loc());
        boolean isDefault = !in.atKeywordRef() && in.acceptKeyword("default");
        Location headLoc = in.peek().loc();
        in.allowKeywordName(true);
        if (in.peek().kind() != Token.Kind.IDENT
                || (in.isKeyword(in.peek().text()) && !in.peek().isWord("contains") && !in.keywordNameHere())) {
            throw in.expected("a rule");
        }
        Term headTerm = exprs.headTerm();

        Ref ref;
        List<Term> args = List.of();
        boolean function = headTerm instanceof Call;
        if (headTerm instanceof Call c) {
            ref = c.function();
            args = c.args();
        } else {
            ref = nameRef(headTerm, "a rule name");
        }

        Term key = null;
        boolean multi = false;
        if (!function && in.acceptKeyword("contains")) {
            key = exprs.infix(false);
            multi = true;
        }
        boolean assign = false;
        Term value = null;
        if (!multi && (in.at(Token.Kind.ASSIGN) || in.at(Token.Kind.UNIFY))) {
            assign = in.next().kind() == Token.Kind.ASSIGN;
            value = exprs.infix(false);
        }
        // v0 compatibility: `p[x] { }` and `p.x { }` (two-part name, no value, no `if`) add x to the set p;
        // with `if`, in v1, or with a longer name they are single-value rules (`p[x] = true`)
        if (!multi && !function && value == null && in.version() == RegoVersion.V0 && !in.atKeyword("if")
                && ref.path().size() == 1) {
            key = ref.path().get(ref.path().size() - 1);
            ref = new Ref(ref.loc(), ref.head(), ref.path().subList(0, ref.path().size() - 1));
            multi = true;
        }
        Kind kind = function ? Kind.FUNCTION : multi ? Kind.MULTI_VALUE : Kind.SINGLE_VALUE;
        if (isDefault) {
            if (value == null) {
                throw in.expected("':=' or '=' and the default value");
            }
            if (multi) {
                throw in.error(headLoc, "a default rule cannot be a multi-value rule");
            }
            String illegal = nonConstant(value);
            if (illegal != null) {
                throw in.error(first.loc(), "illegal default rule (value cannot contain " + illegal + ")");
            }
            Head head = new Head(headLoc, kind, ref, args, null, value, assign);
            return List.of(new Rule(first.loc(), true, head, trueBody(headLoc), null, md));
        }
        if (!multi && value == null) {
            value = new Bool(headLoc, true);
        }
        Head head = new Head(headLoc, kind, ref, args, key, value, assign);

        List<Body> bodies = new ArrayList<>();
        Body firstBody = body(true);
        bodies.add(firstBody == null ? trueBody(headLoc) : firstBody);
        while (firstBody != null && in.at(Token.Kind.LBRACE)) {
            bodies.add(exprs.braceBody());
        }
        Rule elseRule = multi ? null : elseChain(head);
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            boolean last = i == bodies.size() - 1;
            rules.add(new Rule(i == 0 ? first.loc() : bodies.get(i).loc(), false, head, bodies.get(i),
                    last ? elseRule : null, i == 0 ? md : List.of()));
        }
        return rules;
    }

    /** {@code else [= v] [if] { body }} branches, folded into a chain. */
    private Rule elseChain(Head head) {
        record Branch(Location loc, Term value, boolean assign, Body body) {}
        List<Branch> branches = new ArrayList<>();
        // `else.x` begins the next rule, whose name starts with the keyword
        while (in.atKeyword("else") && !in.atKeywordRef()) {
            Location loc = in.next().loc();
            boolean assign = false;
            Term value = new Bool(loc, true);
            if (in.at(Token.Kind.ASSIGN) || in.at(Token.Kind.UNIFY)) {
                assign = in.next().kind() == Token.Kind.ASSIGN;
                value = exprs.infix(false);
            }
            Body body = body(false);
            branches.add(new Branch(loc, value, assign, body == null ? trueBody(loc) : body));
        }
        Rule next = null;
        for (int i = branches.size() - 1; i >= 0; i--) {
            Branch b = branches.get(i);
            Head h = new Head(b.loc(), head.kind(), head.ref(), head.args(), null, b.value(), b.assign());
            next = new Rule(b.loc(), false, h, b.body(), next, List.of());
        }
        return next;
    }

    /** {@code [if] { ... }}, or {@code if literal}; null when there is no body. */
    private Body body(boolean ruleBody) {
        boolean hasIf = !in.atKeywordRef() && in.acceptKeyword("if");
        if (in.at(Token.Kind.LBRACE)) {
            if (!hasIf && in.version() == RegoVersion.V1) {
                throw in.expected("'if' before the " + (ruleBody ? "rule" : "else") + " body (Rego v1)");
            }
            Body literal = hasIf && ruleBody ? braceLiteral() : null;
            return literal != null ? literal : exprs.braceBody();
        }
        return hasIf ? exprs.singleLiteralBody() : null;
    }

    /**
     * As OPA's parser (v1/ast/parser.go parseRules; not parseElse): after a rule's {@code if}, a literal that
     * begins with {@code {}, such as an object (even {@code {}}) or a comprehension, is the body; a set literal is
     * not, as {@code { x }} is a body of one expression. Null when the braces hold a body.
     */
    private Body braceLiteral() {
        int mark = in.mark();
        try {
            Body body = exprs.singleLiteralBody();
            if (!(body.literals().get(0).expr() instanceof Expr.TermExpr t && t.term() instanceof Term.SetTerm)) {
                return body;
            }
        } catch (RegoParseException notALiteral) {
            // the braces hold a body
        }
        in.reset(mark);
        return null;
    }

    /**
     * What keeps a default value from being a constant: "ref", "var" or "call" (an operator is a call too), or
     * null; comprehensions may hold any of them (v1/ast/parser.go validateDefaultRuleValue).
     */
    private static String nonConstant(Term t) {
        if (t instanceof Ref) {
            return "ref";
        } else if (t instanceof Var) {
            return "var";
        } else if (t instanceof Call) {
            return "call";
        }
        List<Term> inner = new ArrayList<>();
        if (t instanceof Term.ArrayTerm a) {
            inner.addAll(a.items());
        } else if (t instanceof Term.SetTerm st) {
            inner.addAll(st.items());
        } else if (t instanceof Term.ObjectTerm o) {
            o.entries().forEach(e -> {
                inner.add(e.key());
                inner.add(e.value());
            });
        }
        return inner.stream().map(ModuleParser::nonConstant).filter(x -> x != null).findFirst().orElse(null);
    }

    private static Body trueBody(Location loc) {
        Literal t = new Literal(loc, false, new Expr.TermExpr(loc, new Bool(loc, true)), List.of());
        return new Body(loc, List.of(t));
    }

    /** A name such as {@code a.b["c"]}: a Ref with a Var head. */
    private Ref nameRef(Term t, String what) {
        if (t instanceof Var v) {
            return new Ref(v.loc(), v, List.of());
        }
        if (t instanceof Ref r && r.head() instanceof Var) {
            return r;
        }
        throw in.error(t.loc(), "expected " + what);
    }

    /** The names of a path written with dots ({@code a.b.c}); a path of other terms ends at them. */
    private List<String> names(Ref r) {
        List<String> names = new ArrayList<>(List.of(r.headName()));
        for (Term t : r.path()) {
            if (!(t instanceof Term.Str s)) {
                throw in.error(t.loc(), "unexpected " + RegoPrinter.term(t) + " in an import path: expecting a string");
            }
            names.add(s.value());
        }
        return names;
    }
}
