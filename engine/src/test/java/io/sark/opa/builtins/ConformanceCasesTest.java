package io.sark.opa.builtins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sark.opa.builtins.RegoSnippet.ArrayExpr;
import io.sark.opa.builtins.RegoSnippet.Binary;
import io.sark.opa.builtins.RegoSnippet.Call;
import io.sark.opa.builtins.RegoSnippet.Expr;
import io.sark.opa.builtins.RegoSnippet.Literal;
import io.sark.opa.builtins.RegoSnippet.ObjectExpr;
import io.sark.opa.builtins.RegoSnippet.SetExpr;
import io.sark.opa.builtins.RegoSnippet.Unsupported;
import io.sark.opa.builtins.RegoSnippet.Var;
import io.sark.opa.engine.Builtin;
import io.sark.opa.engine.BuiltinException;
import io.sark.opa.engine.Builtins;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs OPA's own builtin test cases (from {@code opa.conformance.dir}) whose rule is a straight line of
 * builtin calls on constant arguments, against the host catalogue, and compares with OPA's expected
 * result or error. Cases of another shape are left to the plan compiler's conformance run; cases that
 * call a builtin the catalogue lacks are reported as skipped so that the gap stays visible.
 */
class ConformanceCasesTest {

    private static final Pattern QUERY = Pattern.compile("data\\.(\\w+)\\.p = x");
    private static final Pattern RULE = Pattern.compile("(?s)p(\\s*(?::=|=)\\s*(.+?))?\\s*\\{\\s*");
    private static final Pattern SET_RULE = Pattern.compile("p\\[(\\w+)]\\s*\\{\\s*");
    private static final Pattern CONSTANT_RULE = Pattern.compile("(?s)p\\s*(?::=|=)\\s*(.+)");
    private static final Builtins BUILTINS = Builtins.defaults();

    /** Cases this host cannot meet, each with the reason; they are reported as skipped, never as passed. */
    private static final Map<String, String> KNOWN_LIMITS = Map.of(
            "netcidrcontainsmatches/sets of tuples",
            "sets reach host builtins as JSON arrays (the ABI's JSON dump), so set elements are keyed by index");

    /**
     * The error texts and results of OPA 1.x (the version whose builtins this host follows), by case, from OPA's v1
     * compliance suite beside the conformance folder: where a case's outcome changed since the OPA 0.6x that made
     * the conformance folder (an error's wording, {@code io.jwt.encode_sign}'s JSON), the newer one is expected.
     */
    private static final Map<String, String> OPA_V1_ERRORS = new HashMap<>();
    /** The v1 cases with a result, to expect where a case's query and data match (their Rego differs by version). */
    private static final Map<String, JsonNode> OPA_V1_CASES = new HashMap<>();

    @TestFactory
    Stream<DynamicTest> directCallCases() throws IOException {
        String dir = System.getProperty("opa.conformance.dir");
        Assumptions.assumeTrue(dir != null && Files.isDirectory(Path.of(dir, "cases")),
                "system property opa.conformance.dir does not name the conformance folder");
        readOpaV1Errors(Path.of(dir).resolveSibling("opa-v1"));
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of(dir, "cases"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                JsonNode cases = Json.MAPPER.readTree(file.toFile()).path("cases");
                int index = 0;
                for (JsonNode c : cases) {
                    Case parsed = parse(c);
                    if (parsed != null) {
                        String name = c.path("note").asText() + " #" + (index);
                        String key = caseKey(Path.of(dir, "cases").relativize(file), index, c);
                        tests.add(DynamicTest.dynamicTest(name, () -> run(parsed, c, key)));
                    }
                    index++;
                }
            }
        }
        return tests.stream();
    }

    private static void readOpaV1Errors(Path v1) throws IOException {
        if (!Files.isDirectory(v1)) {
            return;
        }
        try (Stream<Path> files = Files.walk(v1)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                int index = 0;
                for (JsonNode c : Json.MAPPER.readTree(file.toFile()).path("cases")) {
                    if (c.hasNonNull("want_error")) {
                        OPA_V1_ERRORS.put(caseKey(v1.relativize(file), index, c), c.path("want_error").asText());
                    }
                    if (c.has("want_result")) {
                        OPA_V1_CASES.put(caseKey(v1.relativize(file), index, c), c);
                    }
                    index++;
                }
            }
        }
    }

    /** A case by its file (relative to its corpus), place in the file and note: the same in both corpora. */
    private static String caseKey(Path file, int index, JsonNode c) {
        return file.toString().replace('\\', '/') + "#" + index + " " + c.path("note").asText();
    }

    record Case(Expr head, List<Expr> body) {}

    /** The case's single rule {@code p}, or null when the case is not of the direct-call shape. */
    static Case parse(JsonNode c) {
        Matcher q = QUERY.matcher(c.path("query").asText());
        if (!q.matches() || c.has("input_term") || (c.has("data") && !c.path("data").isEmpty())) {
            return null;
        }
        List<String> modules = new ArrayList<>();
        c.path("modules").forEach(m -> {
            if (!m.asText().startsWith("package query")) {
                modules.add(m.asText());
            }
        });
        if (modules.size() != 1 || !modules.get(0).startsWith("package " + q.group(1) + "\n")) {
            return null;
        }
        List<String> joined = joinStatements(modules.get(0));
        String[] lines = joined.toArray(String[]::new);
        Expr head = null;
        List<Expr> body = null;
        boolean inBody = false;
        try {
            for (int i = 1; i < lines.length; i++) {
                String line = lines[i];
                if (line.isBlank()) {
                    continue;
                }
                if (inBody) {
                    if (line.equals("}")) {
                        inBody = false;
                    } else {
                        body.add(RegoSnippet.parseExpr(line.trim()));
                    }
                    continue;
                }
                if (body != null) {
                    return null;
                }
                Matcher r = RULE.matcher(line);
                Matcher set = SET_RULE.matcher(line);
                Matcher constant = CONSTANT_RULE.matcher(line);
                if (r.matches()) {
                    head = r.group(2) == null ? new Literal(Json.bool(true)) : RegoSnippet.parseExpr(r.group(2));
                    body = new ArrayList<>();
                    inBody = true;
                } else if (set.matches()) {
                    head = new SetExpr(List.of(new Var(set.group(1))));
                    body = new ArrayList<>();
                    inBody = true;
                } else if (constant.matches()) {
                    // p := expr: evaluate the expression as the body, bound to a fresh variable.
                    head = new Var("__head__");
                    body = new ArrayList<>(List.of(new Binary(":=", new Var("__head__"), RegoSnippet.parseExpr(constant.group(1).trim()))));
                } else {
                    return null;
                }
            }
        } catch (Unsupported e) {
            return null;
        }
        if (body == null || inBody || body.isEmpty() || !callsABuiltin(body) || dataOrInputUsed(modules.get(0))) {
            return null;
        }
        return new Case(head, body);
    }

    /** Lines, with a statement that spans lines (an open bracket or raw string) joined into one. */
    static List<String> joinStatements(String module) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int depth = 0;
        boolean raw = false;
        boolean quoted = false;
        for (String line : module.split("\n", -1)) {
            if (current.length() > 0) {
                current.append('\n');
            }
            current.append(line);
            for (int i = 0; i < line.length(); i++) {
                char ch = line.charAt(i);
                if (quoted) {
                    if (ch == '\\') {
                        i++;
                    } else if (ch == '"') {
                        quoted = false;
                    }
                } else if (raw) {
                    raw = ch != '`';
                } else if (ch == '"') {
                    quoted = true;
                } else if (ch == '`') {
                    raw = true;
                } else if (ch == '(' || ch == '[') {
                    depth++;
                } else if (ch == ')' || ch == ']') {
                    depth--;
                }
            }
            if (depth <= 0 && !raw) {
                out.add(current.toString());
                current.setLength(0);
                depth = 0;
            }
        }
        return out;
    }

    private static boolean dataOrInputUsed(String module) {
        return module.contains("data.");
    }

    private static boolean callsABuiltin(List<Expr> body) {
        return body.stream().anyMatch(ConformanceCasesTest::hasCall);
    }

    private static boolean hasCall(Expr e) {
        if (e instanceof Call) {
            return true;
        }
        if (e instanceof Binary b) {
            return hasCall(b.left()) || hasCall(b.right());
        }
        if (e instanceof ArrayExpr a) {
            return a.items().stream().anyMatch(ConformanceCasesTest::hasCall);
        }
        if (e instanceof SetExpr s) {
            return s.items().stream().anyMatch(ConformanceCasesTest::hasCall);
        }
        return e instanceof ObjectExpr o && o.values().stream().anyMatch(ConformanceCasesTest::hasCall);
    }

    private static void run(Case parsed, JsonNode c, String key) {
        String limit = KNOWN_LIMITS.get(c.path("note").asText());
        Assumptions.assumeTrue(limit == null, limit);
        boolean strict = c.path("strict_error").asBoolean(false);
        TestContext context = new TestContext(1_700_000_000_000_000_000L, new HashMap<>(), strict);
        Evaluation eval = new Evaluation(context, c.get("input"));
        JsonNode result;
        try {
            result = eval.rule(parsed);
        } catch (MissingBuiltin e) {
            Assumptions.abort("not in the host catalogue: " + e.getMessage());
            return;
        } catch (Unsupported e) {
            Assumptions.abort("beyond the snippet evaluator: " + e.getMessage());
            return;
        } catch (BuiltinException e) {
            if (c.hasNonNull("want_error_code") || c.hasNonNull("want_error")) {
                checkError(e, c, key);
                return;
            }
            if (!strict) {
                result = null; // non-strict mode: a builtin error makes the expression undefined
            } else {
                throw e;
            }
        }
        if (c.hasNonNull("want_error_code") || c.hasNonNull("want_error")) {
            fail("expected error " + c.path("want_error_code").asText() + " '" + c.path("want_error").asText()
                    + "' but got " + result);
        }
        JsonNode v1 = OPA_V1_CASES.get(key);
        JsonNode want = v1 != null && v1.path("query").equals(c.path("query")) && v1.path("data").equals(c.path("data"))
                && v1.path("input").equals(c.path("input")) ? v1.get("want_result") : c.path("want_result");
        if (want.isArray() && want.isEmpty()) {
            assertThat(result).as("undefined expected").isNull();
            return;
        }
        assertThat(result).as("defined result expected").isNotNull();
        JsonNode expected = want.get(0).get("x");
        if (c.path("sort_bindings").asBoolean(false)) {
            assertThat(canonical(result)).isEqualTo(canonical(expected));
        } else {
            assertThat(Values.equal(result, expected))
                    .as("expected %s but got %s", expected, result)
                    .isTrue();
        }
    }

    private static void checkError(BuiltinException e, JsonNode c, String key) {
        String code = c.path("want_error_code").asText("");
        if (code.equals("eval_type_error")) {
            assertThat(e).as("type error expected").isInstanceOf(BuiltinTypeException.class);
        } else if (code.equals("eval_builtin_error")) {
            assertThat(e).as("builtin error expected").isNotInstanceOf(BuiltinTypeException.class);
        }
        String want = OPA_V1_ERRORS.getOrDefault(key, c.path("want_error").asText(""));
        int at = want.indexOf("_error: ");
        if (at >= 0) {
            want = want.substring(at + "_error: ".length());
        }
        assertThat(e.getMessage()).contains(want);
    }

    /** Arrays sorted recursively: sets arrive as arrays whose order does not matter. */
    private static String canonical(JsonNode v) {
        if (v.isArray()) {
            List<String> items = new ArrayList<>();
            v.forEach(i -> items.add(canonical(i)));
            items.sort(null);
            return items.toString();
        }
        if (v.isObject()) {
            TreeMap<String, String> m = new TreeMap<>();
            v.fields().forEachRemaining(e -> m.put(e.getKey(), canonical(e.getValue())));
            return m.toString();
        }
        if (v.isNumber()) {
            return v.decimalValue().stripTrailingZeros().toPlainString();
        }
        return v.toString();
    }

    static final class MissingBuiltin extends RuntimeException {
        MissingBuiltin(String name) {
            super(name);
        }
    }

    static final class Undefined extends RuntimeException {
        Undefined() {
            super(null, null, false, false);
        }
    }

    /** Evaluates a rule body in order, binding variables; undefined anywhere makes the rule undefined. */
    static final class Evaluation {
        private final TestContext context;
        private final Map<String, JsonNode> env = new HashMap<>();
        private final JsonNode input;

        Evaluation(TestContext context, JsonNode input) {
            this.context = context;
            this.input = input;
        }

        JsonNode rule(Case c) {
            try {
                for (Expr e : c.body()) {
                    statement(e);
                }
                return eval(c.head());
            } catch (Undefined u) {
                return null;
            }
        }

        private void statement(Expr e) {
            if (e instanceof Binary b && (b.op().equals("=") || b.op().equals(":="))) {
                if (hasUnbound(b.left())) {
                    unify(b.left(), eval(b.right()));
                } else {
                    unify(b.right(), eval(b.left()));
                }
                return;
            }
            if (e instanceof Call call) {
                Builtin builtin = builtin(call.name());
                if (call.args().size() == builtin.arity() + 1) {
                    JsonNode out = invoke(builtin, call.args().subList(0, builtin.arity()));
                    unify(call.args().get(builtin.arity()), out);
                    return;
                }
            }
            JsonNode v = eval(e);
            if (v.isBoolean() && !v.booleanValue()) {
                throw new Undefined();
            }
        }

        private boolean hasUnbound(Expr e) {
            if (e instanceof Var v) {
                return !env.containsKey(v.name());
            }
            return e instanceof ArrayExpr a && a.items().stream().anyMatch(this::hasUnbound);
        }

        private void unify(Expr pattern, JsonNode value) {
            if (pattern instanceof Var v && !env.containsKey(v.name())) {
                env.put(v.name(), value);
                return;
            }
            if (pattern instanceof ArrayExpr a && hasUnbound(a)) {
                if (!value.isArray() || value.size() != a.items().size()) {
                    throw new Undefined();
                }
                for (int i = 0; i < value.size(); i++) {
                    unify(a.items().get(i), value.get(i));
                }
                return;
            }
            if (!Values.equal(eval(pattern), value)) {
                throw new Undefined();
            }
        }

        private Builtin builtin(String name) {
            return BUILTINS.find(name).orElseThrow(() -> new MissingBuiltin(name));
        }

        private JsonNode invoke(Builtin builtin, List<Expr> args) {
            JsonNode[] values = new JsonNode[args.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = eval(args.get(i));
            }
            JsonNode out = builtin.call(context, values);
            if (out == null) {
                throw new Undefined();
            }
            return out;
        }

        JsonNode eval(Expr e) {
            if (e instanceof Literal l) {
                return l.value();
            }
            if (e instanceof RegoSnippet.InputRef ref) {
                JsonNode v = input;
                for (String key : ref.path()) {
                    v = v == null ? null : v.get(key);
                }
                if (v == null) {
                    throw new Undefined();
                }
                return v;
            }
            if (e instanceof Var v) {
                JsonNode value = env.get(v.name());
                if (value == null) {
                    throw new Unsupported("unbound variable " + v.name());
                }
                return value;
            }
            if (e instanceof Call call) {
                Builtin builtin = builtin(call.name());
                if (call.args().size() != builtin.arity()) {
                    throw new Unsupported("call of " + call.name() + " with " + call.args().size() + " args");
                }
                return invoke(builtin, call.args());
            }
            if (e instanceof ArrayExpr a) {
                ArrayNode out = Json.array();
                a.items().forEach(i -> out.add(eval(i)));
                return out;
            }
            if (e instanceof SetExpr s) {
                List<JsonNode> items = new ArrayList<>();
                s.items().forEach(i -> items.add(eval(i)));
                return Values.set(items);
            }
            if (e instanceof ObjectExpr o) {
                ObjectNode out = Json.object();
                for (int i = 0; i < o.keys().size(); i++) {
                    JsonNode key = eval(o.keys().get(i));
                    if (!key.isTextual()) {
                        throw new Unsupported("non-string object key");
                    }
                    out.set(key.textValue(), eval(o.values().get(i)));
                }
                return out;
            }
            return binary((Binary) e);
        }

        private JsonNode binary(Binary b) {
            JsonNode l = eval(b.left());
            JsonNode r = eval(b.right());
            return switch (b.op()) {
                case "==" -> Json.bool(Values.equal(l, r));
                case "!=" -> Json.bool(!Values.equal(l, r));
                case "<" -> Json.bool(Values.compare(l, r) < 0);
                case ">" -> Json.bool(Values.compare(l, r) > 0);
                case "<=" -> Json.bool(Values.compare(l, r) <= 0);
                case ">=" -> Json.bool(Values.compare(l, r) >= 0);
                case "*", "+", "-", "/", "%" -> arithmetic(b.op(), l, r);
                default -> throw new Unsupported("operator " + b.op());
            };
        }

        private static JsonNode arithmetic(String op, JsonNode l, JsonNode r) {
            if (!l.isNumber() || !r.isNumber()) {
                throw new Unsupported("arithmetic on non-numbers");
            }
            BigDecimal a = l.decimalValue();
            BigDecimal b = r.decimalValue();
            return Json.number(switch (op) {
                case "*" -> a.multiply(b);
                case "+" -> a.add(b);
                case "-" -> a.subtract(b);
                case "/" -> a.divide(b, MathContext.DECIMAL128);
                default -> a.remainder(b);
            });
        }
    }
}
