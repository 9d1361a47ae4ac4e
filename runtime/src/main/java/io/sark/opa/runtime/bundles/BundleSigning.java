package io.sark.opa.runtime.bundles;

import io.sark.opa.runtime.config.BundleConfig;
import io.sark.opa.runtime.config.KeyConfig;
import io.sark.opa.signing.BundleSignatureException;
import io.sark.opa.signing.KeyText;
import io.sark.opa.signing.VerificationConfig;
import io.sark.opa.signing.VerificationKey;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a downloaded bundle's signature is checked, from {@code quarkus.sark-opa.keys} and the bundle's
 * {@code signing}, as OPA's bundle plugin maps {@code keys} and {@code bundles[_].signing}
 * (v1/plugins/bundle/config.go): with any key configured every bundle is verified, with its own settings or none.
 */
final class BundleSigning {

    private BundleSigning() {}

    /**
     * @return {@code null} when no key is configured
     * @throws IllegalStateException when the settings name a key that is not configured, or a key cannot be read
     */
    static VerificationConfig of(String bundle, BundleConfig.Signing signing, Map<String, KeyConfig> keys) {
        if (keys.isEmpty()) {
            if (signing.isSet()) {
                throw new IllegalStateException("bundle '" + bundle + "' sets signing but quarkus.sark-opa.keys "
                        + "configures no key");
            }
            return null;
        }
        Map<String, VerificationKey> verificationKeys = new LinkedHashMap<>();
        keys.forEach((id, key) -> verificationKeys.put(id, new VerificationKey(text(id, key), key.algorithm(),
                key.scope().orElse(null))));
        String keyId = signing.keyid().orElse(null);
        if (keyId != null && !keys.containsKey(keyId)) {
            throw new IllegalStateException("bundle '" + bundle + "': signing.keyid '" + keyId
                    + "' names no key in quarkus.sark-opa.keys");
        }
        return new VerificationConfig(verificationKeys, keyId, signing.scope().orElse(null),
                signing.excludeFiles().orElse(List.of()));
    }

    /** The key itself, or the content of its file: a path, or else a resource of the application. */
    private static String text(String id, KeyConfig key) {
        try {
            return KeyText.of("quarkus.sark-opa.keys.\"" + id + "\"", key.key(), key.keyFile(), name -> {
                try (InputStream resource = Thread.currentThread().getContextClassLoader().getResourceAsStream(name)) {
                    return resource == null ? null : resource.readAllBytes();
                }
            });
        } catch (BundleSignatureException e) {
            throw new IllegalStateException(e.getMessage());
        }
    }
}
