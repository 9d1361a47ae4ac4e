package io.sark.opa.testing;

/**
 * One Rego unit test: a rule whose name starts with {@code test_} (or {@code todo_test_}, skipped), as
 * {@code opa test} finds them.
 *
 * @param pkg the package, {@code data.a.b}
 * @param name the rule's name below the package ({@code test_x}; {@code test_x#01} for its second definition, as OPA
 *     numbers definitions that share a name)
 * @param file the file the rule is in
 * @param row the rule's line
 * @param entrypoint the data path of the rule as a compiled entrypoint ({@code a/b/test_x})
 * @param skipped written {@code todo_test_...}: reported as skipped, not run
 */
public record RegoTest(String pkg, String name, String file, int row, String entrypoint, boolean skipped) {

    /** {@code data.a.b.test_x}, as {@code opa test -v} names the test. */
    public String fullName() {
        return pkg + "." + name;
    }

    /** {@code file:row}. */
    public String location() {
        return file + ":" + row;
    }
}
