package io.sark.opa.runtime.status;

import io.sark.opa.runtime.bundles.BundleOutcome;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * What the status reports say of one bundle, as OPA's bundle status (v1/plugins/bundle/status.go): the times of
 * the last request, successful request, download and activation, and the error of the last failure, cleared by
 * the next success. Updated from the pollers' threads, read by the reporter's.
 */
final class BundleStatus {

    // OPA writes a time it never set as Go's zero time
    private static final Instant NEVER = Instant.parse("0001-01-01T00:00:00Z");
    // OPA's code for any failure to download or activate a bundle
    private static final String ERROR_CODE = "bundle_error";

    private final String name;
    private Instant lastRequest = NEVER;
    private Instant lastSuccessfulRequest = NEVER;
    private Instant lastSuccessfulDownload = NEVER;
    private Instant lastSuccessfulActivation = NEVER;
    private String problem;

    BundleStatus(String name) {
        this.name = name;
    }

    synchronized void record(BundleOutcome outcome) {
        Instant at = Instant.ofEpochMilli(outcome.epochMillis());
        boolean ok = !BundleOutcome.FAILED.equals(outcome.result());
        if (BundleOutcome.DOWNLOAD.equals(outcome.stage())) {
            lastRequest = at;
            if (ok) {
                lastSuccessfulRequest = at;
            }
            if (BundleOutcome.OK.equals(outcome.result())) {
                lastSuccessfulDownload = at;
            }
        } else if (ok) {
            lastSuccessfulActivation = at;
        }
        problem = ok ? null : outcome.problem();
    }

    /** The bundle's entry in a report; {@code revision} is the active one, {@code null} before any activation. */
    synchronized JsonObject json(String revision) {
        JsonObject json = new JsonObject().put("name", name);
        if (revision != null && !revision.isEmpty()) {
            json.put("active_revision", revision);
        }
        json.put("last_request", lastRequest.toString())
                .put("last_successful_request", lastSuccessfulRequest.toString())
                .put("last_successful_download", lastSuccessfulDownload.toString())
                .put("last_successful_activation", lastSuccessfulActivation.toString());
        if (problem != null) {
            json.put("code", ERROR_CODE).put("message", problem);
        }
        return json;
    }
}
