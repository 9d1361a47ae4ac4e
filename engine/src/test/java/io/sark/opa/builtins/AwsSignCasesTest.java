package io.sark.opa.builtins;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sark.opa.engine.Builtin;
import io.sark.opa.engine.Builtins;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * OPA's providers.aws.sign_req cases, of both corpora (the v1 suite adds payload signing options and headers that
 * override AWS's): request, config and the expected signed request are rule constants.
 */
class AwsSignCasesTest {

    private static final Pattern CALL = Pattern.compile("providers\\.aws\\.sign_req\\(req, aws_config, (\\d+)\\) == expected");

    /** The term bound by {@code name := ...}, up to the next line that starts a rule. */
    private static JsonNode constant(String module, String name) {
        int start = module.indexOf(name + " := ");
        Matcher next = Pattern.compile("\n[a-z_]").matcher(module);
        int end = next.find(start + 1) ? next.start() : module.length();
        String term = module.substring(start + name.length() + 4, end).trim();
        RegoSnippet.Expr expr = RegoSnippet.parseExpr(term);
        return new ConformanceCasesTest.Evaluation(TestContext.fresh(), null).eval(expr);
    }

    @TestFactory
    Stream<DynamicTest> signaturesMatchOpas() throws IOException {
        Builtin sign = Builtins.defaults().find("providers.aws.sign_req").orElseThrow();
        List<DynamicTest> tests = new ArrayList<>();
        List<JsonNode> cases = new ArrayList<>(ConformanceCases.inCategory("providers-aws"));
        cases.addAll(ConformanceCases.inV1Category("providers-aws"));
        for (JsonNode c : cases) {
            String module = c.path("modules").get(0).asText();
            Matcher call = CALL.matcher(module);
            if (!call.find()) {
                continue;
            }
            tests.add(DynamicTest.dynamicTest(c.path("note").asText(), () -> {
                JsonNode signed = sign.call(TestContext.fresh(), constant(module, "req"),
                        constant(module, "aws_config"), Json.number(Long.parseLong(call.group(1))));
                assertThat(signed).isEqualTo(constant(module, "expected"));
            }));
        }
        assertThat(tests).isNotEmpty();
        return tests.stream();
    }
}
