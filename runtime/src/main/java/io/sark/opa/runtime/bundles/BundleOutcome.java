package io.sark.opa.runtime.bundles;

/**
 * One download or activation of a bundle, fired as a CDI event for the metrics.
 *
 * @param stage {@code download} or {@code activation}
 * @param result {@code ok}, {@code not_modified} (a download answered 304) or {@code failed}
 * @param epochMillis when it happened
 */
public record BundleOutcome(String bundle, String stage, String result, long epochMillis) {

    static final String DOWNLOAD = "download";
    static final String ACTIVATION = "activation";
    static final String OK = "ok";
    static final String NOT_MODIFIED = "not_modified";
    static final String FAILED = "failed";
}
