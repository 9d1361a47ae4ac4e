package io.sark.opa.deployment.builtins;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.LongNode;
import io.quarkus.test.QuarkusUnitTest;
import io.sark.opa.OpaBuiltin;
import io.sark.opa.PolicyBuiltin;
import io.sark.opa.deployment.BuildFailures;
import io.sark.opa.engine.BuiltinContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A bean may not silently replace one of OPA's builtins that the extension implements. */
class CatalogueNameBuiltinTest {

    @OpaBuiltin(name = "time.now_ns", arity = 0)
    public static class FrozenClock implements PolicyBuiltin {
        @Override
        public JsonNode call(BuiltinContext context, JsonNode... args) {
            return LongNode.valueOf(0);
        }
    }

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClass(FrozenClock.class))
            .assertException(BuildFailures.policyBuildFailure(FrozenClock.class.getName(),
                    "time.now_ns is an OPA builtin this extension already implements"));

    @Test
    void buildFails() {
        fail("the build should have failed");
    }
}
