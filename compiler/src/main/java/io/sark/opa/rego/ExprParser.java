package io.sark.opa.rego;

import io.sark.opa.rego.Literal.With;
import io.sark.opa.rego.Term.ArrayCompr;
import io.sark.opa.rego.Term.ArrayTerm;
import io.sark.opa.rego.Term.Bool;
import io.sark.opa.rego.Term.Call;
import io.sark.opa.rego.Term.Entry;
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
import io.sark.opa.rego.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/** Recursive descent over bodies, literals, expressions and terms (they nest through comprehensions). */
final class ExprParser {
    private final TokenCursor in;

    ExprParser(TokenCursor in) {
        this.in = in;
    }

    // ---- bodies and literals

    /** {@code { literal (; | newline) literal ... }} */
    Body braceBody() {
        Location loc = in.expect(Kind.LBRACE).loc();
        Body body = query(loc, Kind.RBRACE);
        in.expect(Kind.RBRACE);
        return body;
    }

    /** Literals up to (not including) the end token, separated by ';' or line breaks. */
    Body query(Location loc, Kind end) {
        if (in.at(end)) {
            throw in.expected("an expression (bodies cannot be empty)");
        }
        List<Literal> literals = new ArrayList<>();
        while (true) {
            literals.add(literal());
            if (in.accept(Kind.SEMICOLON) || (!in.at(end) && !in.at(Kind.EOF) && in.peek().newlineBefore())) {
                continue;
            }
            if (!in.at(end)) {
                throw in.expected(end.describe());
            }
            return new Body(loc, literals);
        }
    }

    /** A body made of one literal ({@code p if x > 1}). */
    Body singleLiteralBody() {
        Location loc = in.peek().loc();
        return new Body(loc, List.of(literal()));
    }

    /**
     * {@code not { body }} (with {@code import future.keywords.not}, v1/ast/parser.go parseNotBody): true when the
     * body has no solution. Read as {@code not [true | body][0]}, which is defined exactly when the body has one, and
     * whose body's variables stay its own.
     */
    private Expr notBody() {
        Location loc = in.peek().loc();
        Body body = braceBody();
        Term.ArrayCompr solutions = new Term.ArrayCompr(loc, new Term.Bool(loc, true), body);
        return new Expr.TermExpr(loc, new Term.Ref(loc, solutions, List.of(new Term.Num(loc, "0"))));
    }

    Literal literal() {
        Location loc = in.peek().loc();
        in.allowKeywordName(true);
        boolean keywordRef = in.keywordNameHere();
        boolean negated = !keywordRef && in.acceptKeyword("not");
        Expr expr;
        if (keywordRef) {
            expr = expr();
        } else if (negated && in.notBodies() && in.at(Kind.LBRACE)) {
            expr = notBody();
        } else if (!negated && in.atKeyword("some")) {
            expr = some();
        } else if (!negated && in.atKeyword("every")) {
            expr = every();
        } else {
            expr = expr();
        }
        List<With> withs = new ArrayList<>();
        // as in OPA, a keyword right before `.` or `[` after a term is a name: `with.x` begins the next literal
        while (in.atKeyword("with") && !in.atKeywordRef()) {
            Location wloc = in.next().loc();
            Term target = term();
            in.expectKeyword("as");
            withs.add(new With(wloc, target, infix(false)));
        }
        return new Literal(loc, negated, expr, withs);
    }

    /** {@code some x, y} or {@code some v in xs} or {@code some k, v in xs}. */
    private Expr some() {
        Location loc = in.next().loc();
        List<Term> terms = new ArrayList<>();
        terms.add(level(Operator.LOOSEST));
        while (in.accept(Kind.COMMA)) {
            terms.add(level(Operator.LOOSEST));
        }
        if (in.atKeyword("in")) {
            if (terms.size() > 2) {
                throw in.error(loc, "'some ... in' takes at most a key and a value");
            }
            in.next();
            Term collection = level(Operator.LOOSEST);
            return terms.size() == 1
                    ? new Expr.SomeIn(loc, null, terms.get(0), collection)
                    : new Expr.SomeIn(loc, terms.get(0), terms.get(1), collection);
        }
        List<Var> vars = new ArrayList<>();
        for (Term t : terms) {
            if (!(t instanceof Var v)) {
                throw in.error(t.loc(), "expected a variable after 'some'");
            }
            vars.add(v);
        }
        return new Expr.SomeVars(loc, vars);
    }

    /** {@code every v in xs { body }} or {@code every k, v in xs { body }}. */
    private Expr every() {
        Location loc = in.next().loc();
        Var first = var();
        Var second = null;
        if (in.accept(Kind.COMMA)) {
            second = var();
        }
        in.expectKeyword("in");
        Term domain = level(Operator.LOOSEST);
        Body body = braceBody();
        return second == null
                ? new Expr.Every(loc, null, first, domain, body)
                : new Expr.Every(loc, first, second, domain, body);
    }

    private Var var() {
        Token t = in.peek();
        if (t.kind() != Kind.IDENT || in.isKeyword(t.text())) {
            throw in.expected("a variable");
        }
        in.next();
        return new Var(t.loc(), t.text());
    }

    /** A term, or {@code term = term} / {@code term := term}. */
    Expr expr() {
        Location loc = in.peek().loc();
        Term left = infix(true);
        if (in.accept(Kind.UNIFY)) {
            return new Expr.Unify(loc, left, infix(true));
        }
        if (in.accept(Kind.ASSIGN)) {
            return new Expr.Assign(loc, left, infix(true));
        }
        return new Expr.TermExpr(loc, left);
    }

    // ---- infix terms

    /**
     * A term with infix operators. {@code in} binds loosest; where no list is being read ({@code keyVal}) it also
     * takes the three-operand form {@code k, v in xs}.
     */
    Term infix(boolean keyVal) {
        Location loc = in.peek().loc();
        Term left = level(Operator.LOOSEST);
        if (keyVal && in.isKeyword("in") && in.at(Kind.COMMA)) {
            int mark = in.mark();
            in.next();
            Term middle = level(Operator.LOOSEST);
            if (in.acceptKeyword("in")) {
                left = call(loc, Operator.MEMBER_3, List.of(left, middle, level(Operator.LOOSEST)));
            } else {
                in.reset(mark);
            }
        }
        while (in.atKeyword("in") && !in.atKeywordRef()) {
            in.next();
            left = call(loc, Operator.MEMBER, List.of(left, level(Operator.LOOSEST)));
        }
        return left;
    }

    /** Left-associative binary operators of the given level and tighter. */
    private Term level(int level) {
        if (level > Operator.TIGHTEST) {
            return term();
        }
        Location loc = in.peek().loc();
        Term left = level(level + 1);
        Operator op;
        while ((op = Operator.of(in.peek().kind(), level)) != null) {
            in.next();
            left = call(loc, op.builtin, List.of(left, level(level + 1)));
        }
        return left;
    }

    private static Call call(Location loc, String builtin, List<Term> args) {
        return new Call(loc, functionRef(loc, builtin), args, true);
    }

    /** {@code a.b.c} as a Ref with a Var head and string path. */
    static Ref functionRef(Location loc, String dotted) {
        String[] parts = dotted.split("\\.");
        List<Term> path = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            path.add(new Str(loc, parts[i]));
        }
        return new Ref(loc, new Var(loc, parts[0]), path);
    }

    // ---- terms

    /** One term with its ref and call suffixes; no infix operators except inside brackets and parentheses. */
    Term term() {
        Token t = in.peek();
        Location loc = t.loc();
        Term term = switch (t.kind()) {
            case NUMBER -> new Num(loc, integerPart());
            case STRING -> new Str(loc, in.next().value());
            case MINUS -> negative();
            case DOT -> fraction();
            case LBRACK -> array();
            case LBRACE -> braced();
            case LPAREN -> {
                in.next();
                Term inner = infix(true);
                in.expect(Kind.RPAREN);
                yield inner;
            }
            case IDENT -> word();
            case TEMPLATE_PART, TEMPLATE_END -> {
                if (!t.text().startsWith("$")) {
                    throw in.expected("a term");
                }
                yield templateString(); // no ref of it, as in OPA (`$"a"[0]` is an error)
            }
            default -> throw in.expected("a term");
        };
        if (term instanceof Null || term instanceof Bool || term instanceof Num || term instanceof TemplateString) {
            return term;
        }
        return suffixes(term, false);
    }

    /**
     * A rule head's name with its ref or call: as OPA's parseHeadFinish (v1/ast/parser.go), whitespace may stand
     * between the name and its first {@code .}, {@code [} or {@code (} ({@code deny [msg] { ... }}); the
     * segments after that touch, as everywhere else.
     */
    Term headTerm() {
        if (!in.at(Kind.IDENT)) {
            return term();
        }
        return suffixes(word(), true);
    }

    /**
     * {@code $"text {expr} text"}: the lexer cut the text at each expression; an expression is a literal
     * that states a value (OPA's parseTemplateString refuses negation, {@code =}, {@code :=}, {@code some} and
     * {@code every} there).
     */
    private Term templateString() {
        Token open = in.next();
        Token t = open;
        List<TemplateString.Part> parts = new ArrayList<>();
        while (true) {
            if (!t.value().isEmpty()) {
                parts.add(new TemplateString.Text(t.loc(), t.value()));
            }
            if (t.kind() == Kind.TEMPLATE_END) {
                break;
            }
            Literal expr = literal();
            String refused = expr.negated() ? "negation ('not')"
                    : expr.expr() instanceof Expr.Unify ? "unification ('=')"
                    : expr.expr() instanceof Expr.Assign ? "assignment (':=')"
                    : expr.expr() instanceof Expr.Every ? "'every'"
                    : expr.expr() instanceof Expr.TermExpr ? null : "'some'";
            if (refused != null) {
                throw in.error(expr.loc(), "unexpected " + refused + " in template-string expression");
            }
            parts.add(new TemplateString.Expression(expr));
            t = in.peek();
            if ((t.kind() != Kind.TEMPLATE_PART && t.kind() != Kind.TEMPLATE_END) || !t.text().startsWith("}")) {
                throw in.expected("'}' to end the template-string expression");
            }
            in.next();
        }
        return new TemplateString(open.loc(), parts, open.text().startsWith("$`"));
    }

    /** {@code -1} is a negative number; {@code -x} is {@code minus(0, x)}. */
    private Term negative() {
        Location loc = in.next().loc();
        if (in.at(Kind.NUMBER)) {
            return new Num(loc, "-" + integerPart());
        }
        if (in.at(Kind.DOT) && in.peek(1).kind() == Kind.NUMBER && !in.peek(1).spaceBefore()) {
            in.next();
            return new Num(loc, "-." + in.next().text());
        }
        return new Call(loc, functionRef(loc, "minus"), List.of(new Num(loc, "0"), term()), false);
    }

    /** A number that begins with its integer part: OPA's parseNumber refuses a leading zero ({@code 01}, not {@code 0.1}). */
    private String integerPart() {
        Token t = in.next();
        String text = t.text();
        if (text.length() > 1 && text.charAt(0) == '0' && Character.isDigit(text.charAt(1))) {
            throw in.error(t.loc(), "expected number without leading zero");
        }
        return text;
    }

    /** {@code .5} */
    private Term fraction() {
        Location loc = in.peek().loc();
        if (in.peek(1).kind() != Kind.NUMBER || in.peek(1).spaceBefore()) {
            throw in.expected("a term");
        }
        in.next();
        return new Num(loc, "." + in.next().text());
    }

    private Term word() {
        Token t = in.peek();
        String w = t.text();
        if (in.keywordNameHere()) {
            in.next();
            return new Var(t.loc(), w);
        }
        switch (w) {
            case "null" -> {
                in.next();
                return new Null(t.loc());
            }
            case "true", "false" -> {
                in.next();
                return new Bool(t.loc(), w.equals("true"));
            }
            default -> {
                // `contains` stays usable as the builtin's name even where it is a keyword
                if (in.isKeyword(w) && !w.equals("contains")) {
                    throw in.expected("a term");
                }
                in.next();
                Var v = new Var(t.loc(), w);
                return w.equals("input") || w.equals("data") ? new Ref(t.loc(), v, List.of()) : v;
            }
        }
    }

    /**
     * {@code .name}, {@code [term]} and {@code (args)} written right after a term (no space before them, except
     * before the first where {@code spacedFirst}).
     */
    private Term suffixes(Term head, boolean spacedFirst) {
        Location loc = head.loc();
        Term term = head;
        List<Term> path = new ArrayList<>();
        for (boolean first = spacedFirst; first || !in.peek().spaceBefore(); first = false) {
            if (in.at(Kind.DOT)) {
                Location dot = in.next().loc();
                if (in.peek().spaceBefore()) {
                    // OPA's parseRef scans the token right after the dot, whitespace included
                    throw in.error(new Location(dot.file(), dot.row(), dot.col() + 1),
                            "unexpected whitespace token: expected ident");
                }
                Token name = in.expect(Kind.IDENT);
                path.add(new Str(name.loc(), name.text()));
            } else if (in.at(Kind.LBRACK)) {
                in.next();
                path.add(infix(false));
                in.expect(Kind.RBRACK);
            } else if (in.at(Kind.LPAREN)) {
                Ref function = asRef(term, path);
                if (!isFunctionName(function)) {
                    throw in.error(in.peek().loc(), "only a name like f or a.b.f can be called");
                }
                in.next();
                List<Term> args = list(Kind.RPAREN);
                term = function.path().isEmpty() && function.headName().equals("set") && args.isEmpty()
                        ? new SetTerm(loc, List.of())
                        : new Call(loc, function, args, false);
                path = new ArrayList<>();
            } else {
                break;
            }
        }
        return path.isEmpty() ? term : asRef(term, path);
    }

    private static Ref asRef(Term term, List<Term> path) {
        if (term instanceof Ref r) {
            List<Term> all = new ArrayList<>(r.path());
            all.addAll(path);
            return new Ref(r.loc(), r.head(), all);
        }
        return new Ref(term.loc(), term, path);
    }

    private static boolean isFunctionName(Ref r) {
        return r.head() instanceof Var && r.path().stream().allMatch(p -> p instanceof Str);
    }

    /** Comma-separated infix terms up to the closing token (consumed); a trailing comma is allowed. */
    private List<Term> list(Kind close) {
        List<Term> items = new ArrayList<>();
        while (!in.accept(close)) {
            items.add(infix(false));
            if (!in.accept(Kind.COMMA)) {
                in.expect(close);
                break;
            }
        }
        return items;
    }

    /**
     * {@code [a, b]} or {@code [x | body]}, as OPA's parseArray (v1/ast/parser.go): a comprehension's head is a
     * single term, tried first, so {@code [a | b]} is a comprehension; when its body does not parse and a comma
     * follows, the brackets hold a list instead ({@code [a | b, c]} is {@code [or(a, b), c]}). A leading comma
     * ({@code [, a]}), still accepted by OPA, rules the comprehension out.
     */
    private Term array() {
        Location loc = in.expect(Kind.LBRACK).loc();
        if (in.accept(Kind.RBRACK)) {
            return new ArrayTerm(loc, List.of());
        }
        boolean maybeComprehension = !in.accept(Kind.COMMA);
        int mark = in.mark();
        Term head = term();
        if (maybeComprehension && in.at(Kind.PIPE)) {
            Body body = comprehensionBody(Kind.RBRACK, false);
            if (body != null) {
                return new ArrayCompr(loc, head, body);
            }
        }
        in.reset(mark);
        return new ArrayTerm(loc, list(Kind.RBRACK));
    }

    /**
     * Object, set, or their comprehensions, as OPA's parseSetOrObject; {@code {}} is the empty object. The same
     * fallbacks as for arrays apply: {@code {a | b, c}} is a set holding {@code or(a, b)}, and an object
     * comprehension whose body does not parse is read again as an object ({@code {k: a | b}}).
     */
    private Term braced() {
        Location loc = in.expect(Kind.LBRACE).loc();
        if (in.accept(Kind.RBRACE)) {
            return new ObjectTerm(loc, List.of());
        }
        boolean maybeComprehension = !in.accept(Kind.COMMA);
        int mark = in.mark();
        Term head = term();
        if (maybeComprehension && in.at(Kind.PIPE)) {
            Body body = comprehensionBody(Kind.RBRACE, false);
            if (body != null) {
                return new SetCompr(loc, head, body);
            }
        }
        if (!in.at(Kind.COLON)) {
            in.reset(mark);
            head = infix(false);
        }
        if (in.at(Kind.COLON)) {
            return object(loc, head, maybeComprehension);
        }
        List<Term> items = new ArrayList<>();
        items.add(head);
        while (in.accept(Kind.COMMA) && !in.at(Kind.RBRACE)) {
            items.add(infix(false));
        }
        in.expect(Kind.RBRACE);
        return new SetTerm(loc, items);
    }

    /** The rest of an object or object comprehension after its first key. */
    private Term object(Location loc, Term key, boolean maybeComprehension) {
        in.expect(Kind.COLON);
        int mark = in.mark();
        Term value = term();
        if (maybeComprehension && in.at(Kind.PIPE)) {
            Body body = comprehensionBody(Kind.RBRACE, true);
            if (body != null) {
                return new ObjectCompr(loc, key, value, body);
            }
        }
        in.reset(mark);
        List<Entry> entries = new ArrayList<>();
        entries.add(new Entry(key, infix(false)));
        while (in.accept(Kind.COMMA) && !in.at(Kind.RBRACE)) {
            Term k = infix(false);
            in.expect(Kind.COLON);
            entries.add(new Entry(k, infix(false)));
        }
        in.expect(Kind.RBRACE);
        return new ObjectTerm(loc, entries);
    }

    /**
     * {@code | body} up to and including the closing token; null when the body does not parse and OPA would read
     * the braces again as a collection: always ({@code anyFailure}), or when the body stops at a comma.
     */
    private Body comprehensionBody(Kind close, boolean anyFailure) {
        in.expect(Kind.PIPE);
        try {
            Body body = query(in.peek().loc(), close);
            in.expect(close);
            return body;
        } catch (RegoParseException e) {
            if (anyFailure || in.at(Kind.COMMA)) {
                return null;
            }
            throw e;
        }
    }
}
