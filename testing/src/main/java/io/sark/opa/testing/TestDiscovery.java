package io.sark.opa.testing;

import io.sark.opa.rego.RegoModule;
import io.sark.opa.rego.Rule;
import io.sark.opa.rego.Term;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds the test rules of modules as OPA's tester does (v1/tester/runner.go): a rule is a test when a constant part
 * of its name starts with {@code test_} ({@code todo_test_}: skipped); the test is the data path up to that part.
 * Each definition is a test of its own: the second definition of {@code test_x} in a package is renamed
 * {@code test_x#01}, the third {@code test_x#02}, and so on (OPA's rewriteDuplicateTestNames).
 */
final class TestDiscovery {
    static final String TEST_PREFIX = "test_";
    static final String SKIP_PREFIX = "todo_test_";

    /**
     * The modules with duplicate test names rewritten, the tests in file order, and the entrypoints of tests whose
     * rules define keys below the test's name ({@code test_x[note] := true}): their value is an object of results.
     */
    record Discovered(List<RegoModule> modules, List<RegoTest> tests, Set<String> objectTests) {}

    private TestDiscovery() {}

    static Discovered discover(List<RegoModule> modules) {
        Map<String, Integer> definitions = new HashMap<>();
        List<RegoModule> rewritten = new ArrayList<>();
        List<RegoTest> tests = new ArrayList<>();
        Set<String> objectTests = new HashSet<>();
        for (RegoModule module : modules) {
            List<String> pkg = packagePath(module.pkg().path());
            List<Rule> rules = new ArrayList<>();
            for (Rule rule : module.rules()) {
                List<String> name = name(rule);
                // functions are not queried as documents: they are helpers whatever their name
                if (name.isEmpty() || rule.head().kind() == Rule.Kind.FUNCTION) {
                    rules.add(rule);
                    continue;
                }
                String last = name.get(name.size() - 1);
                String key = String.join("/", pkg) + "/" + String.join("/", name);
                int seen = definitions.merge(key, 1, Integer::sum) - 1;
                if (seen > 0 && last.startsWith(TEST_PREFIX)) {
                    last = last + String.format(Locale.ROOT, "#%02d", seen);
                    name.set(name.size() - 1, last);
                    rule = renamed(rule, name.size() - 1, last);
                }
                rules.add(rule);
                List<String> path = new ArrayList<>(pkg);
                path.addAll(name);
                String entrypoint = String.join("/", path);
                if (rule.head().kind() == Rule.Kind.SINGLE_VALUE && rule.head().ref().path().size() >= name.size()) {
                    objectTests.add(entrypoint);
                }
                tests.add(new RegoTest("data." + String.join(".", pkg), String.join(".", name), rule.loc().file(),
                        rule.loc().row(), entrypoint, last.startsWith(SKIP_PREFIX)));
            }
            rewritten.add(new RegoModule(module.loc(), module.pkg(), module.imports(), rules, module.version(),
                    module.comments()));
        }
        return new Discovered(rewritten, tests, objectTests);
    }

    /**
     * The constant parts of the rule's name up to the first that starts with a test prefix; empty when none does.
     */
    private static List<String> name(Rule rule) {
        Term.Ref ref = rule.head().ref();
        List<String> parts = new ArrayList<>();
        parts.add(ref.headName());
        for (Term t : ref.path()) {
            if (isTest(parts.get(parts.size() - 1)) || !(t instanceof Term.Str s)) {
                break;
            }
            parts.add(s.value());
        }
        return isTest(parts.get(parts.size() - 1)) ? parts : new ArrayList<>();
    }

    private static boolean isTest(String part) {
        return part != null && (part.startsWith(TEST_PREFIX) || part.startsWith(SKIP_PREFIX));
    }

    /** The rule (and its else branches) with the name part at {@code index} of its head replaced. */
    private static Rule renamed(Rule rule, int index, String part) {
        if (rule == null) {
            return null;
        }
        Rule.Head h = rule.head();
        Term.Ref ref = h.ref();
        Term.Ref newRef;
        if (index == 0) {
            newRef = new Term.Ref(ref.loc(), new Term.Var(ref.head().loc(), part), ref.path());
        } else {
            List<Term> path = new ArrayList<>(ref.path());
            path.set(index - 1, new Term.Str(path.get(index - 1).loc(), part));
            newRef = new Term.Ref(ref.loc(), ref.head(), path);
        }
        Rule.Head head = new Rule.Head(h.loc(), h.kind(), newRef, h.args(), h.key(), h.value(), h.assign());
        return new Rule(rule.loc(), rule.isDefault(), head, rule.body(), renamed(rule.elseRule(), index, part),
                rule.metadata());
    }

    /** {@code package a.b} as {@code [a, b]}. */
    private static List<String> packagePath(Term.Ref ref) {
        List<String> out = new ArrayList<>();
        if (!"data".equals(ref.headName())) {
            out.add(ref.headName());
        }
        for (Term t : ref.path()) {
            out.add(((Term.Str) t).value());
        }
        return out;
    }
}
