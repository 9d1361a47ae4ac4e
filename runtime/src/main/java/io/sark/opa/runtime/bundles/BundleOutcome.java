package io.sark.opa.runtime.bundles;

/**
 * One download or activation of a bundle, fired as a CDI event for the metrics and the status reports.
 *
 * @param stage {@code download} or {@code activation}
 * @param result {@code ok}, {@code not_modified} (a download answered 304) or {@code failed}
 * @param epochMillis when it happened
 * @param problem why it failed, {@code null} unless it did
 */
public record BundleOutcome(String bundle, String stage, String result, long epochMillis, String problem) {

    public BundleOutcome(String bundle, String stage, String result, long epochMillis) {
        this(bundle, stage, result, epochMillis, null);
    }

    public static final String DOWNLOAD = "download";
    public static final String ACTIVATION = "activation";
    public static final String OK = "ok";
    public static final String NOT_MODIFIED = "not_modified";
    public static final String FAILED = "failed";
}
