package io.sark.opa.runtime.config;

import io.quarkus.runtime.annotations.ConfigDocMapKey;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A remote service this application talks to, as OPA's {@code services} configuration names one: a bundle server,
 * a decision-log or status receiver. Bundles, decision logs and status refer to a service by its name.
 */
public interface ServiceConfig {

    /** Base URL of the service, {@code https://bundles.example.com} (paths are resolved against it). */
    String url();

    /** Sent as {@code Authorization: Bearer <token>} (OPA's {@code credentials.bearer.token}). */
    Optional<String> token();

    /** Headers sent on every request (OPA's {@code headers}). */
    @ConfigDocMapKey("header")
    Map<String, String> headers();

    /** How long connecting may take. */
    @WithDefault("5s")
    Duration connectTimeout();

    /** How long the service may take to answer once the request is sent (OPA's {@code response_header_timeout_seconds}). */
    @WithDefault("10s")
    Duration responseTimeout();

    /** Trust store for {@code https} (a {@code .p12}/{@code .pfx}, {@code .jks} or PEM {@code .pem}/{@code .crt} file). */
    Optional<String> trustStore();

    /** Password of the trust store (not used for PEM). */
    Optional<String> trustStorePassword();

    /** Client certificate and key for mutual TLS, as a {@code .p12}/{@code .pfx} or {@code .jks} key store (OPA's {@code credentials.client_tls}). */
    Optional<String> keyStore();

    /** Password of the key store. */
    Optional<String> keyStorePassword();
}
