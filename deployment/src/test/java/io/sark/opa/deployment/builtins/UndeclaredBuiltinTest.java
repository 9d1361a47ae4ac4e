package io.sark.opa.deployment.builtins;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.QuarkusUnitTest;
import io.sark.opa.PolicyBuiltin;
import io.sark.opa.deployment.BuildFailures;
import io.sark.opa.engine.BuiltinContext;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A PolicyBuiltin bean without @OpaBuiltin has no name to be called by: the build fails naming the class. */
class UndeclaredBuiltinTest {

    @Singleton
    public static class NamelessBuiltin implements PolicyBuiltin {
        @Override
        public JsonNode call(BuiltinContext context, JsonNode... args) {
            return null;
        }
    }

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClass(NamelessBuiltin.class))
            .assertException(BuildFailures.policyBuildFailure(NamelessBuiltin.class.getName(),
                    "has no @OpaBuiltin(name = ..., arity = ...)"));

    @Test
    void buildFails() {
        fail("the build should have failed");
    }
}
