package io.sark.opa.runtime.logs;

/**
 * The outcome of the last decision-log upload, as OPA's decision-log status (v1/plugins/logs/status/status.go).
 *
 * @param problem why it failed, {@code null} when the service accepted it
 * @param httpCode the service's HTTP status when it answered other than 2xx, else 0
 */
public record UploadStatus(String problem, int httpCode) {

    static final UploadStatus OK = new UploadStatus(null, 0);
}
