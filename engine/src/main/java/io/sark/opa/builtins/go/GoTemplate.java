package io.sark.opa.builtins.go;

import com.fasterxml.jackson.databind.JsonNode;
import io.sark.opa.builtins.Args;
import io.sark.opa.builtins.RegoText;
import io.sark.opa.builtins.Values;
import io.sark.opa.engine.BuiltinException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The subset of Go's text/template that {@code strings.render_template} offers, with Go's semantics on the JSON
 * values OPA hands it (v1/topdown/template.go decodes the vars into {@code map[string]any} with JSON numbers):
 * literal text, comments, {@code {{.}}}, field chains on dot and on variables, {@code {{$x := PIPE}}},
 * {@code if}/{@code else if}/{@code else}, {@code range} (with one or two variables, and {@code else}), and the
 * trim markers {@code {{- }} and {@code  -}}}. Every other action (functions, {@code |}, literals, {@code with},
 * {@code define}, {@code template}, {@code break}, ...) is refused, never rendered differently from Go.
 */
public final class GoTemplate {
    private static final String BUILTIN = "strings.render_template";
    /** Go's invalid reflect.Value: a missing map key, or a nil interface once a pipeline has produced it. */
    private static final Object NO_VALUE = new Object();
    private static final String SPACE = " \t\r\n";
    private static final Pattern TOKEN = Pattern.compile(
            "\\s*(?:(:=)|(,)|((?:\\$[\\p{L}\\p{N}_]*)(?:\\.[\\p{L}_][\\p{L}\\p{N}_]*)*)"
                    + "|((?:\\.[\\p{L}_][\\p{L}\\p{N}_]*)+|\\.)|([\\p{L}_][\\p{L}\\p{N}_]*)|(\\S))");

    private sealed interface Node permits Text, Action, If, Range {}

    private record Text(String text) implements Node {}

    /** A pipeline of one term (a field chain from dot or from a variable), optionally declaring a variable. */
    private record Pipe(List<String> decl, String term) {}

    private record Action(Pipe pipe) implements Node {}

    private record If(Pipe pipe, List<Node> then, List<Node> otherwise) implements Node {}

    private record Range(Pipe pipe, List<Node> body, List<Node> otherwise) implements Node {}

    private final List<Node> root;

    private GoTemplate(List<Node> root) {
        this.root = root;
    }

    /** Renders {@code template} on {@code vars} as OPA does, missing values printed as {@code <undefined>}. */
    public static String render(String template, JsonNode vars) {
        checkJson(vars);
        StringBuilder out = new StringBuilder();
        new Exec(vars, out).run(parse(template).root, vars);
        return out.toString().replace("<no value>", "<undefined>");
    }

    /** OPA converts the vars through JSON, which a set or an object with non-string keys fails. */
    private static void checkJson(JsonNode v) {
        if (v instanceof io.sark.opa.engine.SetNode || v instanceof io.sark.opa.engine.KeyedObjectNode) {
            throw Args.error(BUILTIN, "template variables must be JSON: sets and non-string keys have no JSON form");
        }
        v.forEach(GoTemplate::checkJson);
    }

    // ---- parsing ----

    private static GoTemplate parse(String src) {
        Parser p = new Parser(src);
        List<Node> nodes = p.list(false);
        return new GoTemplate(nodes);
    }

    private static final class Parser {
        private final String src;
        private int pos;
        private boolean trimNext;
        private final Deque<String> vars = new ArrayDeque<>(List.of("$"));
        /** The action read ahead that ended the last list: end, else, or else if. */
        private List<String> stop;
        private Pipe elseIf;

        Parser(String src) {
            this.src = src;
        }

        /** Nodes up to {@code {{end}}} or {@code {{else}}} when nested, or up to the end of the text. */
        List<Node> list(boolean nested) {
            List<Node> nodes = new ArrayList<>();
            while (true) {
                int open = src.indexOf("{{", pos);
                String text = src.substring(pos, open < 0 ? src.length() : open);
                if (trimNext) {
                    text = stripLeading(text);
                }
                boolean trimBefore = open >= 0 && src.startsWith("-", open + 2) && open + 3 < src.length()
                        && SPACE.indexOf(src.charAt(open + 3)) >= 0;
                if (trimBefore) {
                    text = stripTrailing(text);
                }
                if (!text.isEmpty()) {
                    nodes.add(new Text(text));
                }
                if (open < 0) {
                    if (nested) {
                        throw parseError(src.length(), "unexpected EOF");
                    }
                    return nodes;
                }
                String body = action(open, trimBefore);
                if (body == null) {
                    continue; // a comment
                }
                List<String> tokens = tokens(body);
                String head = tokens.isEmpty() ? "" : tokens.get(0);
                switch (head) {
                    case "end", "else" -> {
                        if (!nested) {
                            throw parseError(open, "unexpected {{" + head + "}}");
                        }
                        stop = tokens;
                        return nodes;
                    }
                    case "if" -> nodes.add(ifNode(open, body, tokens.subList(1, tokens.size())));
                    case "range" -> {
                        int mark = vars.size();
                        Pipe pipe = pipe(body, tokens.subList(1, tokens.size()), 2);
                        List<Node> inner = list(true);
                        List<Node> otherwise = elseBranch(open, body, mark, false);
                        nodes.add(new Range(pipe, inner, otherwise));
                    }
                    default -> nodes.add(new Action(pipe(body, tokens, 1)));
                }
            }
        }

        private If ifNode(int open, String body, List<String> tokens) {
            int mark = vars.size();
            Pipe pipe = pipe(body, tokens, 1);
            List<Node> then = list(true);
            return new If(pipe, then, elseBranch(open, body, mark, true));
        }

        /** After the body of an if or range: its else branch, if any, up to the {@code {{end}}}. */
        private List<Node> elseBranch(int open, String body, int mark, boolean allowElseIf) {
            List<String> ended = stop;
            popTo(mark);
            if (ended.get(0).equals("end")) {
                requireAlone(body, ended);
                return List.of();
            }
            if (ended.size() > 1) {
                if (!allowElseIf || !ended.get(1).equals("if")) {
                    throw unsupported("{{" + String.join(" ", ended) + "}}");
                }
                // {{else if P}} is {{else}}{{if P}}...{{end}} sharing the outer {{end}}.
                return List.of(ifNode(open, body, ended.subList(2, ended.size())));
            }
            List<Node> otherwise = list(true);
            popTo(mark);
            if (!stop.get(0).equals("end")) {
                throw parseError(open, "expected end; found {{" + String.join(" ", stop) + "}}");
            }
            requireAlone(body, stop);
            return otherwise;
        }

        private void requireAlone(String body, List<String> end) {
            if (end.size() > 1) {
                throw unsupported("{{" + String.join(" ", end) + "}}");
            }
        }

        private void popTo(int mark) {
            while (vars.size() > mark) {
                vars.pop();
            }
        }

        /** The text of the action opening at {@code open}, or null for a comment; moves past its {@code }}}. */
        private String action(int open, boolean trimBefore) {
            int start = open + (trimBefore ? 4 : 2);
            int close = src.indexOf("}}", start);
            if (src.startsWith("/*", start)) {
                int endComment = src.indexOf("*/", start + 2);
                if (endComment < 0) {
                    throw parseError(open, "unclosed comment");
                }
                close = src.indexOf("}}", endComment + 2);
                String between = src.substring(endComment + 2, Math.max(endComment + 2, close));
                if (close < 0 || !(between.isEmpty() || between.equals(" -"))) {
                    throw parseError(open, "comment ends before closing delimiter");
                }
            } else if (close < 0) {
                throw parseError(open, "unclosed action");
            }
            String body = src.substring(start, close);
            trimNext = body.length() >= 2 && body.endsWith("-") && SPACE.indexOf(body.charAt(body.length() - 2)) >= 0;
            pos = close + 2;
            if (body.startsWith("/*")) {
                return null;
            }
            return trimNext ? body.substring(0, body.length() - 1) : body;
        }

        /** A pipeline: optional declarations ({@code $x :=}, {@code $i, $v :=}) then one term. */
        private Pipe pipe(String body, List<String> tokens, int maxDecl) {
            List<String> decl = new ArrayList<>();
            int at = tokens.indexOf(":=");
            if (at >= 0) {
                for (int i = 0; i < at; i += 2) {
                    String v = tokens.get(i);
                    boolean separated = i + 1 == at || tokens.get(i + 1).equals(",");
                    if (!v.startsWith("$") || v.contains(".") || v.equals("$") || !separated) {
                        throw unsupported("{{" + body.strip() + "}}");
                    }
                    decl.add(v);
                }
                if (decl.isEmpty() || decl.size() > maxDecl) {
                    throw unsupported("{{" + body.strip() + "}}");
                }
            }
            List<String> rest = tokens.subList(at + 1, tokens.size());
            if (rest.size() != 1 || !(rest.get(0).startsWith(".") || rest.get(0).startsWith("$"))) {
                throw unsupported("{{" + body.strip() + "}}");
            }
            String term = rest.get(0);
            if (term.startsWith("$")) {
                String name = term.split("\\.", 2)[0];
                if (!vars.contains(name)) {
                    throw parseError(pos, "undefined variable \"" + name + "\"");
                }
            }
            decl.forEach(vars::push);
            return new Pipe(decl, term);
        }

        private List<String> tokens(String body) {
            List<String> out = new ArrayList<>();
            Matcher m = TOKEN.matcher(body);
            int at = 0;
            while (at < body.length() && m.find(at) && m.start() == at) {
                if (m.group(6) != null) {
                    throw unsupported("{{" + body.strip() + "}}"); // operators, literals, parentheses, ...
                }
                out.add(m.group().strip());
                at = m.end();
            }
            if (!body.substring(at).isBlank()) {
                throw unsupported("{{" + body.strip() + "}}");
            }
            if (!out.isEmpty() && Character.isLetter(out.get(0).charAt(0))
                    && !List.of("if", "range", "else", "end").contains(out.get(0))) {
                throw unsupported("{{" + body.strip() + "}}"); // with, define, template, functions, ...
            }
            return out;
        }

        private BuiltinException parseError(int at, String message) {
            int line = 1 + (int) src.substring(0, Math.min(at, src.length())).chars().filter(c -> c == '\n').count();
            return Args.error(BUILTIN, "template: template:" + line + ": " + message);
        }
    }

    private static String stripLeading(String s) {
        int i = 0;
        while (i < s.length() && SPACE.indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        return s.substring(i);
    }

    private static String stripTrailing(String s) {
        int i = s.length();
        while (i > 0 && SPACE.indexOf(s.charAt(i - 1)) >= 0) {
            i--;
        }
        return s.substring(0, i);
    }

    private static BuiltinException unsupported(String action) {
        return Args.error(BUILTIN, "template action " + action + " is not supported");
    }

    // ---- execution ----

    /**
     * Values are Go's: a {@link JsonNode} (an {@code any} decoded from JSON, null being a nil interface), an
     * {@link Integer} (a range index), a {@link String} (a map key from range) or {@link #NO_VALUE}.
     */
    private static final class Exec {
        private final StringBuilder out;
        private final Deque<Map.Entry<String, Object>> vars = new ArrayDeque<>();

        Exec(JsonNode data, StringBuilder out) {
            this.out = out;
            vars.push(Map.entry("$", data));
        }

        void run(List<Node> nodes, Object dot) {
            for (Node node : nodes) {
                if (node instanceof Text t) {
                    out.append(t.text());
                } else if (node instanceof Action a) {
                    Object v = pipe(a.pipe(), dot);
                    if (a.pipe().decl().isEmpty()) {
                        out.append(v == NO_VALUE ? "<no value>" : print(v, true));
                    }
                } else if (node instanceof If i) {
                    int mark = vars.size();
                    run(truth(pipe(i.pipe(), dot)) ? i.then() : i.otherwise(), dot);
                    popTo(mark);
                } else {
                    range((Range) node, dot);
                }
            }
        }

        private void range(Range r, Object dot) {
            int mark = vars.size();
            Object v = eval(r.pipe().term(), dot);
            List<Object[]> items = new ArrayList<>();
            if (v instanceof JsonNode n && n.isArray()) {
                for (int i = 0; i < n.size(); i++) {
                    items.add(new Object[] {i, n.get(i)});
                }
            } else if (v instanceof JsonNode n && n.isObject()) {
                List<String> keys = new ArrayList<>();
                n.fieldNames().forEachRemaining(keys::add);
                keys.sort(GoTemplate::compareBytes);
                keys.forEach(k -> items.add(new Object[] {k, n.get(k)}));
            } else if (v instanceof Integer) {
                throw unsupported("{{range " + r.pipe().term() + "}} over an integer");
            } else if (v != NO_VALUE) {
                throw Args.error(BUILTIN, "range can't iterate over " + print(v, true));
            }
            List<String> decl = r.pipe().decl();
            for (Object[] item : items) {
                if (decl.size() == 1) {
                    vars.push(Map.entry(decl.get(0), item[1]));
                } else if (decl.size() == 2) {
                    vars.push(Map.entry(decl.get(0), item[0]));
                    vars.push(Map.entry(decl.get(1), item[1]));
                }
                run(r.body(), item[1]);
                popTo(mark);
            }
            if (items.isEmpty()) {
                run(r.otherwise(), dot);
                popTo(mark);
            }
        }

        private Object pipe(Pipe p, Object dot) {
            Object v = eval(p.term(), dot);
            p.decl().forEach(name -> vars.push(Map.entry(name, v)));
            return v;
        }

        /** A term's value; a nil interface comes out as no value, as Go's evalPipeline unwraps it. */
        private Object eval(String term, Object dot) {
            String[] parts = term.split("\\.", -1);
            Object v = term.startsWith("$") ? variable(parts[0]) : dot;
            for (int i = 1; i < parts.length; i++) {
                if (!parts[i].isEmpty()) {
                    v = field(v, parts[i], term);
                }
            }
            return v instanceof JsonNode n && n.isNull() ? NO_VALUE : v;
        }

        private Object variable(String name) {
            for (Map.Entry<String, Object> e : vars) {
                if (e.getKey().equals(name)) {
                    return e.getValue();
                }
            }
            throw new IllegalStateException("undeclared " + name); // the parser checked every variable
        }

        private static Object field(Object receiver, String name, String term) {
            if (receiver == NO_VALUE) {
                return NO_VALUE; // Go's missingkey=default: a missing key's fields are missing too
            }
            if (receiver instanceof JsonNode n && n.isObject()) {
                JsonNode v = n.get(name);
                return v == null ? NO_VALUE : v;
            }
            if (receiver instanceof JsonNode n && n.isNull()) {
                throw Args.error(BUILTIN, "executing \"template\" at <" + term + ">: nil pointer evaluating interface {}." + name);
            }
            if (receiver instanceof JsonNode n && n.isNumber()) {
                throw unsupported("{{" + term + "}} (methods of numbers)");
            }
            String type = receiver instanceof Integer ? "int" : receiver instanceof String ? "string" : "interface {}";
            throw Args.error(BUILTIN, "executing \"template\" at <" + term + ">: can't evaluate field " + name
                    + " in type " + type);
        }

        private void popTo(int mark) {
            while (vars.size() > mark) {
                vars.pop();
            }
        }
    }

    /** Go's isTrue: no value, false, 0 and empty strings, slices and maps are false (JSON numbers are strings). */
    private static boolean truth(Object v) {
        if (v == NO_VALUE) {
            return false;
        }
        if (v instanceof Integer i) {
            return i != 0;
        }
        if (v instanceof String s) {
            return !s.isEmpty();
        }
        JsonNode n = (JsonNode) v;
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isTextual()) {
            return !n.textValue().isEmpty();
        }
        if (n.isContainerNode()) {
            return n.size() > 0;
        }
        return !n.isNull(); // a json.Number is a non-empty string
    }

    /** Go's fmt {@code %v} of a decoded JSON value: maps in sorted key order, nil as {@code <nil>}. */
    private static String print(Object v, boolean top) {
        if (!(v instanceof JsonNode n)) {
            return String.valueOf(v);
        }
        if (n.isTextual()) {
            return n.textValue();
        }
        if (n.isNull()) {
            return top ? "<no value>" : "<nil>";
        }
        if (n.isArray()) {
            List<String> items = new ArrayList<>();
            n.forEach(e -> items.add(print(e, false)));
            return "[" + String.join(" ", items) + "]";
        }
        if (n.isObject()) {
            List<String> keys = new ArrayList<>();
            n.fieldNames().forEachRemaining(keys::add);
            keys.sort(GoTemplate::compareBytes);
            List<String> items = new ArrayList<>();
            keys.forEach(k -> items.add(k + ":" + print(n.get(k), false)));
            return "map[" + String.join(" ", items) + "]";
        }
        return RegoText.of(n); // numbers and booleans
    }

    /** Go orders strings by their UTF-8 bytes, which is code point order. */
    private static int compareBytes(String a, String b) {
        int[] x = a.codePoints().toArray();
        int[] y = b.codePoints().toArray();
        return java.util.Arrays.compare(x, y);
    }
}
