package io.sark.opa.deployment.builtins;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.QuarkusUnitTest;
import io.sark.opa.Decision;
import io.sark.opa.PolicyEvaluator;
import jakarta.inject.Inject;
import java.util.Map;
import org.jboss.shrinkwrap.api.asset.ByteArrayAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A policy calls a builtin the application provides as a bean; the decision is the bean's answer. */
class ApplicationBuiltinTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(TierBuiltin.class, TierDirectory.class, TierPlan.class)
                    .addAsResource(new ByteArrayAsset(TierPlan.bundleBytes()), TierPlan.RESOURCE))
            .overrideConfigKey("quarkus.http.test-port", "0"); // no fixed port on a shared machine

    @Inject
    PolicyEvaluator evaluator;

    @Inject
    TierDirectory directory;

    @Test
    void decisionIsTheBeansResult() {
        int before = directory.lookups();
        assertThat(evaluator.evaluateBlocking(TierPlan.ENTRYPOINT, Map.of("user", "alice")).value()).isEqualTo("gold");
        assertThat(evaluator.evaluateBlocking(TierPlan.ENTRYPOINT, Map.of("user", "bob")).value()).isEqualTo("silver");
        assertThat(directory.lookups()).isEqualTo(before + 2);
    }

    @Test
    void beanReturningNullMakesTheDecisionUndefined() {
        Decision stranger = evaluator.evaluateBlocking(TierPlan.ENTRYPOINT, Map.of("user", "mallory"));
        assertThat(stranger.isDefined()).isFalse();
        assertThat(stranger.allowed()).isFalse();
    }
}
