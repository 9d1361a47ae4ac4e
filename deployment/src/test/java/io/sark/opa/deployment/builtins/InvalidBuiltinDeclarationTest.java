package io.sark.opa.deployment.builtins;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.QuarkusUnitTest;
import io.sark.opa.OpaBuiltin;
import io.sark.opa.PolicyBuiltin;
import io.sark.opa.deployment.BuildFailures;
import io.sark.opa.engine.BuiltinContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A builtin bean that no policy could call (five arguments; the ABI imports at most four) fails the build. */
class InvalidBuiltinDeclarationTest {

    @OpaBuiltin(name = "acme.wide", arity = 5)
    public static class WideBuiltin implements PolicyBuiltin {
        @Override
        public JsonNode call(BuiltinContext context, JsonNode... args) {
            return args[0];
        }
    }

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClass(WideBuiltin.class))
            .assertException(BuildFailures.policyBuildFailure("@OpaBuiltin(name = \"acme.wide\", arity = 5)",
                    WideBuiltin.class.getName(), "arity 5 is outside 0 to 4"));

    @Test
    void buildFails() {
        fail("the build should have failed");
    }
}
