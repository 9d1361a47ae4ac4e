package io.sark.opa.runtime.config;

import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * A key that signatures of downloaded bundles verify against (OPA's {@code keys.<id>}); see
 * docs/bundle-signing.md.
 */
public interface KeyConfig {

    /** The PEM public key or certificate, or the HMAC secret (OPA's {@code key}); set one of key and key-file. */
    Optional<String> key();

    /** A file holding the key, read at start: a path, or else a resource of the application. */
    Optional<String> keyFile();

    /**
     * RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512, HS256, HS384 or HS512 (OPA's
     * {@code algorithm}).
     */
    @WithDefault("RS256")
    String algorithm();

    /** The scope a signature must carry when the bundle's {@code signing.scope} is not set (OPA's {@code scope}). */
    Optional<String> scope();
}
