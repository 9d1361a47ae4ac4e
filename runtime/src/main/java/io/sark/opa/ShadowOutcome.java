package io.sark.opa;

/** One shadow comparison, fired as a CDI event: which entrypoint, which engines, and what came of it. */
public record ShadowOutcome(String entrypoint, String servedBy, String shadowedBy, Kind kind) {

    public enum Kind {
        /** Both engines decided the same (both undefined counts as the same). */
        AGREE,
        /** The engines decided differently. */
        DISAGREE,
        /** The shadow engine failed, so nothing could be compared. */
        ERROR;

        /** The metric tag value: {@code agree}, {@code disagree}, {@code error}. */
        public String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
