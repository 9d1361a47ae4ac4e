package io.sark.opa.builtins;

import static io.sark.opa.builtins.Calls.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sark.opa.engine.BuiltinException;
import org.junit.jupiter.api.Test;

/** strings.split_n, strings.replace_n and semver.* where Go's library semantics differ from the obvious Java ones. */
class StringFieldSemanticsTest {

    /** v1/topdown/strings.go builtinSplitN: the first n fields, or the last -n, never a joined remainder. */
    @Test
    void splitNKeepsWholeFieldsFromEitherEnd() {
        assertThat(call("strings.split_n", "\"x/y/z/w\"", "\"/\"", "3")).hasToString("[\"x\",\"y\",\"z\"]");
        assertThat(call("strings.split_n", "\"x/y/z/w\"", "\"/\"", "-3")).hasToString("[\"y\",\"z\",\"w\"]");
        assertThat(call("strings.split_n", "\"x/y\"", "\"/\"", "-9")).hasToString("[\"x\",\"y\"]");
        assertThat(call("strings.split_n", "\"x/y\"", "\"/\"", "0")).hasToString("[]");
        assertThat(call("strings.split_n", "\"xyz\"", "\"\"", "-1")).hasToString("[\"z\"]");
        assertThat(call("split", "\"xyz\"", "\"\"")).hasToString("[\"x\",\"y\",\"z\"]");
    }

    /**
     * v1/topdown/strings.go builtinReplaceN hands the sorted pairs to Go's strings.NewReplacer, whose generic
     * replacer lets an empty key match once at every position, ahead of the other keys matching there.
     */
    @Test
    void replaceNEmptyKeyInsertsAtEveryPosition() {
        assertThat(call("strings.replace_n", "{\"\": \"|\"}", "\"pq\"").textValue()).isEqualTo("|p|q|");
        assertThat(call("strings.replace_n", "{\"\": \"|\"}", "\"\"").textValue()).isEqualTo("|");
        assertThat(call("strings.replace_n", "{\"\": \"|\", \"q\": \"Q\"}", "\"pq\"").textValue()).isEqualTo("|p|Q|");
        assertThat(call("strings.replace_n", "{\"\": \"_\", \"ü\": \"u\"}", "\"üx\"").textValue()).isEqualTo("_u_x_");
        assertThat(call("strings.replace_n", "{\"q\": \"p\", \"p\": \"q\"}", "\"pqqp\"").textValue()).isEqualTo("qppq");
    }

    /** SemVer 2.0 items 2, 9 and 10, as OPA's semver builtins apply them: numeric identifiers have no leading zero. */
    @Test
    void semverRefusesLeadingZerosInNumericIdentifiers() {
        for (String bad : new String[] {"07.1.1", "1.07.1", "1.1.07", "1.1.1-07", "1.1.1-rc.07"}) {
            assertThat(call("semver.is_valid", "\"" + bad + "\"").booleanValue()).as(bad).isFalse();
        }
        for (String good : new String[] {"0.0.0", "1.1.1-0", "1.1.1-0rc", "1.1.1+007", "10.20.30-rc.10"}) {
            assertThat(call("semver.is_valid", "\"" + good + "\"").booleanValue()).as(good).isTrue();
        }
        assertThatThrownBy(() -> call("semver.compare", "\"2.0.0\"", "\"2.00.0\""))
                .isInstanceOf(BuiltinException.class)
                .hasMessage("semver.compare: operand 2: string \"2.00.0\" is not a valid SemVer");
        assertThat(call("semver.compare", "\"2.0.0+07\"", "\"2.0.0+8\"").intValue()).isZero();
    }
}
