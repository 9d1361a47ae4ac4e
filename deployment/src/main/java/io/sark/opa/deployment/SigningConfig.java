package io.sark.opa.deployment;

import io.sark.opa.bundle.BundleException;
import io.sark.opa.signing.BundleSignatureException;
import io.sark.opa.signing.KeyText;
import io.sark.opa.signing.VerificationConfig;
import io.sark.opa.signing.VerificationKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The build-time bundle verification settings as the verifier takes them; null when no key is configured. */
final class SigningConfig {
    private SigningConfig() {}

    static VerificationConfig verification(SarkOpaBuildConfig config, Iterable<Path> roots) {
        if (config.keys().isEmpty()) {
            if (config.bundleVerification().keyId().isPresent()) {
                throw new BundleException("quarkus.sark-opa.bundle-verification.key-id is set but no"
                        + " quarkus.sark-opa.keys are");
            }
            return null;
        }
        Map<String, VerificationKey> keys = new LinkedHashMap<>();
        config.keys().forEach((id, key) -> keys.put(id, new VerificationKey(text(id, key, roots), key.algorithm(),
                key.scope().orElse(null))));
        String keyId = config.bundleVerification().keyId().orElse(null);
        if (keyId != null && !keys.containsKey(keyId)) {
            throw new BundleException("quarkus.sark-opa.bundle-verification.key-id '" + keyId
                    + "' names no key in quarkus.sark-opa.keys");
        }
        return new VerificationConfig(keys, keyId, config.bundleVerification().scope().orElse(""),
                config.bundleVerification().excludeFiles().orElse(List.of()));
    }

    /** The key itself, or the content of its file: a path, or else a resource of the application. */
    private static String text(String id, SarkOpaBuildConfig.Key key, Iterable<Path> roots) {
        try {
            return KeyText.of("quarkus.sark-opa.keys." + id, key.key(), key.keyFile(), name -> {
                for (Path root : roots) {
                    if (Files.isRegularFile(root.resolve(name))) {
                        return Files.readAllBytes(root.resolve(name));
                    }
                }
                return null;
            });
        } catch (BundleSignatureException e) {
            throw new BundleException(e.getMessage());
        }
    }
}
