package io.sark.opa.deployment;

import io.quarkus.arc.deployment.ValidationPhaseBuildItem.ValidationErrorBuildItem;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.ApplicationArchivesBuildItem;
import io.sark.opa.bundle.BundleException;
import io.sark.opa.bundle.PolicyFolder;
import io.sark.opa.bundle.PolicySource;
import io.sark.opa.regoc.RegoCompileException;
import io.sark.opa.signing.VerificationConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Finds the policies in the application's policy folder. */
class PolicyDiscoveryProcessor {

    @BuildStep
    void discover(ApplicationArchivesBuildItem archives, SarkOpaBuildConfig config,
            BuildProducer<PolicySourceBuildItem> sources, BuildProducer<ValidationErrorBuildItem> errors) {
        Map<String, String> names = new HashMap<>();
        VerificationConfig verification;
        try {
            verification = SigningConfig.verification(config, archives.getRootArchive().getResolvedPaths());
        } catch (BundleException e) {
            errors.produce(new ValidationErrorBuildItem(new PolicyBuildException(e.getMessage(), e)));
            return;
        }
        for (Path root : archives.getRootArchive().getResolvedPaths()) {
            Path folder = root.resolve(config.policyPath());
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try {
                for (PolicySource source : PolicyFolder.discover(folder, verification)) {
                    String earlier = names.putIfAbsent(source.name(), source.origin());
                    if (earlier != null) {
                        errors.produce(new ValidationErrorBuildItem(new PolicyBuildException("two policies are named '"
                                + source.name() + "': " + earlier + " and " + source.origin())));
                    } else {
                        sources.produce(new PolicySourceBuildItem(source));
                    }
                }
            } catch (BundleException | RegoCompileException e) {
                errors.produce(new ValidationErrorBuildItem(new PolicyBuildException(e.getMessage(), e)));
            }
        }
    }
}
