package io.sark.opa.builtins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Test-only parser for the tiny subset of Rego that OPA's builtin test cases use: one rule whose body
 * lines are builtin calls on literal terms, comparisons, assignments and arithmetic. Anything else is
 * reported as {@link Unsupported} so that the case is skipped, never guessed.
 */
final class RegoSnippet {

    static final class Unsupported extends RuntimeException {
        Unsupported(String message) {
            super(message);
        }
    }

    sealed interface Expr permits Literal, Var, Call, ArrayExpr, ObjectExpr, SetExpr, Binary, InputRef {}

    /** {@code input} or {@code input.a.b}. */
    record InputRef(List<String> path) implements Expr {}

    record Literal(JsonNode value) implements Expr {}

    record Var(String name) implements Expr {}

    record Call(String name, List<Expr> args) implements Expr {}

    record ArrayExpr(List<Expr> items) implements Expr {}

    record ObjectExpr(List<Expr> keys, List<Expr> values) implements Expr {}

    record SetExpr(List<Expr> items) implements Expr {}

    record Binary(String op, Expr left, Expr right) implements Expr {}

    private final String src;
    private int pos;

    private RegoSnippet(String src) {
        this.src = src;
    }

    /** One body expression (one line of a rule body). */
    static Expr parseExpr(String line) {
        RegoSnippet p = new RegoSnippet(line);
        Expr e = p.expr();
        p.skipWs();
        if (p.pos != p.src.length()) {
            throw new Unsupported("trailing text in: " + line);
        }
        return e;
    }

    private Expr expr() {
        Expr left = arith();
        skipWs();
        for (String op : new String[] {":=", "==", "!=", "<=", ">=", "<", ">", "="}) {
            if (src.startsWith(op, pos)) {
                pos += op.length();
                return new Binary(op, left, arith());
            }
        }
        return left;
    }

    private Expr arith() {
        Expr left = primary();
        while (true) {
            skipWs();
            if (pos < src.length() && "*+-/%".indexOf(src.charAt(pos)) >= 0) {
                String op = String.valueOf(src.charAt(pos++));
                left = new Binary(op, left, primary());
            } else {
                return left;
            }
        }
    }

    private Expr primary() {
        skipWs();
        if (pos >= src.length()) {
            throw new Unsupported("unexpected end");
        }
        char c = src.charAt(pos);
        if (c == '"') {
            return new Literal(Json.text(quoted()));
        }
        if (c == '`') {
            int end = src.indexOf('`', pos + 1);
            if (end < 0) {
                throw new Unsupported("unterminated raw string");
            }
            String s = src.substring(pos + 1, end);
            pos = end + 1;
            return new Literal(Json.text(s));
        }
        if (c == '-' || Character.isDigit(c) || (c == '.' && pos + 1 < src.length() && Character.isDigit(src.charAt(pos + 1)))) {
            int start = pos++;
            while (pos < src.length() && (Character.isDigit(src.charAt(pos)) || ".eE".indexOf(src.charAt(pos)) >= 0
                    || ((src.charAt(pos) == '-' || src.charAt(pos) == '+') && "eE".indexOf(src.charAt(pos - 1)) >= 0))) {
                pos++;
            }
            String text = src.substring(start, pos);
            BigDecimal number = new BigDecimal(text);
            // A literal with a fraction or exponent stays a decimal node, as a JSON parser reads it.
            return new Literal(text.matches("-?\\d+") ? Json.number(number) : Json.NODES.numberNode(number));
        }
        if (c == '[') {
            pos++;
            return new ArrayExpr(list(']'));
        }
        if (c == '(') {
            pos++;
            Expr e = expr();
            expect(')');
            return e;
        }
        if (c == '{') {
            pos++;
            return braces();
        }
        if (Character.isLetter(c) || c == '_') {
            int start = pos;
            while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_' || src.charAt(pos) == '.')) {
                pos++;
            }
            String name = src.substring(start, pos);
            skipWs();
            if (pos < src.length() && src.charAt(pos) == '(') {
                pos++;
                if (name.equals("set")) {
                    expect(')');
                    return new SetExpr(List.of());
                }
                return new Call(name, list(')'));
            }
            if (pos < src.length() && src.charAt(pos) == '[') {
                throw new Unsupported("reference with brackets: " + name);
            }
            return switch (name) {
                case "true" -> new Literal(Json.bool(true));
                case "false" -> new Literal(Json.bool(false));
                case "null" -> new Literal(Json.NODES.nullNode());
                default -> {
                    if (name.equals("input") || name.startsWith("input.")) {
                        List<String> path = new ArrayList<>(List.of(name.split("\\.")));
                        path.remove(0);
                        yield new InputRef(path);
                    }
                    if (name.contains(".") || name.equals("data")) {
                        throw new Unsupported("reference: " + name);
                    }
                    yield new Var(name);
                }
            };
        }
        throw new Unsupported("unexpected '" + c + "'");
    }

    private Expr braces() {
        skipWs();
        if (peek('}')) {
            pos++;
            return new ObjectExpr(List.of(), List.of());
        }
        Expr first = expr();
        skipWs();
        if (peek(':')) {
            List<Expr> keys = new ArrayList<>();
            List<Expr> values = new ArrayList<>();
            pos++;
            keys.add(first);
            values.add(expr());
            while (true) {
                skipWs();
                if (peek('}')) {
                    pos++;
                    return new ObjectExpr(keys, values);
                }
                expect(',');
                skipWs();
                if (peek('}')) {
                    pos++;
                    return new ObjectExpr(keys, values);
                }
                keys.add(expr());
                expect(':');
                values.add(expr());
            }
        }
        List<Expr> items = new ArrayList<>();
        items.add(first);
        while (true) {
            skipWs();
            if (peek('}')) {
                pos++;
                return new SetExpr(items);
            }
            expect(',');
            skipWs();
            if (peek('}')) {
                pos++;
                return new SetExpr(items);
            }
            items.add(expr());
        }
    }

    private List<Expr> list(char close) {
        List<Expr> items = new ArrayList<>();
        skipWs();
        if (peek(close)) {
            pos++;
            return items;
        }
        while (true) {
            items.add(expr());
            skipWs();
            if (peek(close)) {
                pos++;
                return items;
            }
            expect(',');
            skipWs();
            if (peek(close)) {
                pos++;
                return items;
            }
        }
    }

    private String quoted() {
        int start = pos++;
        while (pos < src.length() && src.charAt(pos) != '"') {
            if (src.charAt(pos) == '\\') {
                pos++;
            }
            pos++;
        }
        if (pos >= src.length()) {
            throw new Unsupported("unterminated string");
        }
        pos++;
        try {
            return Json.MAPPER.readTree(src.substring(start, pos)).textValue();
        } catch (Exception e) {
            throw new Unsupported("string literal not JSON: " + e.getMessage());
        }
    }

    private boolean peek(char c) {
        return pos < src.length() && src.charAt(pos) == c;
    }

    private void expect(char c) {
        skipWs();
        if (!peek(c)) {
            throw new Unsupported("expected '" + c + "' at " + pos + " in " + src);
        }
        pos++;
    }

    private void skipWs() {
        while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
            pos++;
        }
    }

    static ArrayNode array(List<JsonNode> items) {
        ArrayNode a = Json.array();
        items.forEach(a::add);
        return a;
    }

    static ObjectNode object() {
        return Json.object();
    }
}
