package io.sark.opa.runtime.bundles;

import io.sark.opa.PolicyBuiltin;
import io.sark.opa.engine.PolicySourceCompiler;
import io.sark.opa.runtime.ApplicationBuiltins;
import io.sark.opa.runtime.config.SarkOpaConfig;
import io.sark.opa.runtime.data.EmbeddedPolicyData;
import io.sark.opa.runtime.engine.LoadedPolicy;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Activates the policies that bundles carry: each becomes the policy named by its bundle (replacing a built-in
 * policy of that name, or joining them) with the bundle's data, roots and revision, in one swap of the loaded
 * policies ({@link EmbeddedPolicyData#replacePolicy}).
 */
@Singleton
public class PolicyBundles {

    private static final Logger LOG = Logger.getLogger(PolicyBundles.class);

    private final EmbeddedPolicyData data;
    private final SarkOpaConfig config;
    private final PolicyBundleLoader loader;
    private final AtomicBoolean told = new AtomicBoolean();

    PolicyBundles(EmbeddedPolicyData data, SarkOpaConfig config, Instance<PolicyBuiltin> builtins) {
        this.data = data;
        this.config = config;
        this.loader = new PolicyBundleLoader(ApplicationBuiltins.of(builtins), RuntimeMachines.detect(),
                PolicySourceCompiler.find(), policy -> policy
                        .withMaxMemoryPages(config.maxMemoryPages())
                        .withMaxInputBytes(config.maxInputBytes())
                        .withStrictBuiltinErrors(config.strictBuiltinErrors()));
    }

    /** @throws RuntimeException naming the problem when the bundle's policy is refused; the old one stays */
    void activate(String bundle, DataBundle contents) {
        if (!told.getAndSet(true)) {
            LOG.infof("policies activated from bundles are %s", loader.machines().description());
        }
        PolicyBundleLoader.Loaded loaded = loader.load(bundle, contents);
        List<String> roots = contents.roots().contains("") ? List.of() : contents.roots();
        data.replacePolicy(bundle, contents.roots(), new LoadedPolicy(loaded.policy(), contents.revision(),
                loaded.fingerprint(), config, roots));
    }
}
