package io.sark.opa.deployment;

import static io.sark.opa.deployment.BuildFailures.policyBuildFailure;
import static org.junit.jupiter.api.Assertions.fail;

import io.quarkus.test.QuarkusUnitTest;
import org.jboss.shrinkwrap.api.asset.ByteArrayAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A valid wasm module that imports {@code env.memory} but exports none of the OPA ABI fails the build. */
class NoOpaAbiTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> {
                byte[] wasm = WatModules.wasm("(module (import \"env\" \"memory\" (memory 1))"
                        + " (func (export \"answer\") (result i32) (i32.const 42)))");
                jar.addAsResource(new ByteArrayAsset(wasm), "policies/x.wasm");
            })
            .assertException(policyBuildFailure("policies/x.wasm", "is not an OPA wasm module", "opa_malloc", "eval", "entrypoints"));

    @Test
    void buildFails() {
        fail("the build should have failed");
    }
}
