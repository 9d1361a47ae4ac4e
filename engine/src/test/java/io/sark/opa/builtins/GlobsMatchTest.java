package io.sark.opa.builtins;

import static io.sark.opa.builtins.Calls.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sark.opa.engine.BuiltinException;
import org.junit.jupiter.api.Test;

/**
 * OPA's regex.globs_match (v1/topdown/regex.go) calls gintersect.NonEmpty from github.com/yashtewari/glob-intersection
 * v0.2.0; the pattern reading below follows that library's tokenize.go (nextTokenSet, nextRune, nextFlag and
 * invalidInputMessageErrorf).
 */
class GlobsMatchTest {

    private static boolean globsMatch(String a, String b) {
        return call("regex.globs_match", Json.text(a).toString(), Json.text(b).toString()).booleanValue();
    }

    private static String error(String a, String b) {
        try {
            globsMatch(a, b);
        } catch (BuiltinException e) {
            return e.getMessage();
        }
        throw new AssertionError("no error for " + a + " and " + b);
    }

    @Test
    void caretInsideAClassIsAnOrdinaryCharacter() {
        // tokenize.go nextTokenSet only treats '-' and ']' as special: "[^a]" is the set {'^', 'a'}.
        assertThat(globsMatch("[^a]", "^")).isTrue();
        assertThat(globsMatch("[^a]", "a")).isTrue();
        assertThat(globsMatch("[^a]", "b")).isFalse();
    }

    @Test
    void backwardRangeIsAnError() {
        // tokenize.go nextTokenSet: "if r < prev" returns "range is out of order", at the position after the range.
        assertThat(error("[z-a]", "b")).isEqualTo("regex.globs_match: input:[z-a], pos:4, range is out of order: "
                + "'a' comes before 'z' in Unicode: the input provided is invalid");
    }

    @Test
    void invalidPatternsNameInputAndCodePointPosition() {
        // invalidInputMessageErrorf: "input:%s, pos:%d, <what>: %w" wrapping ErrInvalidInput.
        String suffix = ": the input provided is invalid";
        assertThat(error("a", "é]")).isEqualTo("regex.globs_match: input:é], pos:2, set-close ']' with no preceding '['"
                + suffix);
        assertThat(error("a**", "a")).isEqualTo("regex.globs_match: input:a**, pos:3, flag '*' must be preceded by a "
                + "non-flag" + suffix);
        assertThat(error("ab\\", "a")).isEqualTo("regex.globs_match: input:ab\\, pos:2, input ends with a \\ (escape) "
                + "character" + suffix);
        assertThat(error("a[bc", "a")).isEqualTo("regex.globs_match: input:a[bc, pos:4, found [ without matching ]"
                + suffix);
        assertThat(error("[-a]", "a")).isEqualTo("regex.globs_match: input:[-a], pos:2, range character '-' must be "
                + "preceded by a Unicode character" + suffix);
        assertThat(error("[a-]", "a")).isEqualTo("regex.globs_match: input:[a-], pos:3, range character '-' must be "
                + "followed by a Unicode character" + suffix);
        assertThat(error("[a-]x]", "a")).isEqualTo("regex.globs_match: input:[a-]x], pos:4, range character '-' "
                + "cannot be followed by a special symbol" + suffix);
    }

    @Test
    void escapesInsideAClassAreLiteral() {
        // nextRune unescapes '\x' to x; an escaped '-' or ']' in a set is an ordinary character.
        assertThat(globsMatch("[a\\-]", "-")).isTrue();
        assertThat(globsMatch("[\\]]+", "\\]\\]")).isTrue();
        assertThat(globsMatch("[A-\\]]", "\\]")).isTrue();
        assertThat(globsMatch("[A-\\]]", "b")).isFalse();
        assertThat(globsMatch("[a-c]*x", "bbx")).isTrue();
    }
}
