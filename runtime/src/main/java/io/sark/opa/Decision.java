package io.sark.opa;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The outcome of evaluating one entrypoint: defined with a value, or undefined. Values are Vert.x JSON
 * types ({@link JsonObject}, {@link JsonArray}) or {@code String}, {@code Number}, {@code Boolean}, {@code null}.
 */
public final class Decision {

    /** The {@link #policy()} of decisions made by the remote OPA server ({@code quarkus.sark-opa.remote}). */
    public static final String REMOTE = "remote";

    private final String policy;
    private final String entrypoint;
    private final boolean defined;
    private final Object value;
    private final String decisionId;

    private Decision(String policy, String entrypoint, boolean defined, Object value, String decisionId) {
        this.policy = policy;
        this.entrypoint = entrypoint;
        this.defined = defined;
        this.value = value;
        this.decisionId = decisionId;
    }

    /** A defined decision with {@code value}, made by {@code policy} (a policy name, or {@code remote}). */
    public static Decision defined(String policy, String entrypoint, Object value) {
        return new Decision(policy, entrypoint, true, value, null);
    }

    /** An undefined decision: the policy has no value for this input. */
    public static Decision undefined(String policy, String entrypoint) {
        return new Decision(policy, entrypoint, false, null, null);
    }

    /** Whether the policy has a value for this input. */
    public boolean isDefined() {
        return defined;
    }

    /** The decision's value; {@code null} when undefined (or when the policy decided {@code null}). */
    public Object value() {
        return value;
    }

    /** True only for a defined decision whose value is {@code true}: undefined, errors and anything else deny. */
    public boolean allowed() {
        return defined && Boolean.TRUE.equals(value);
    }

    /** The policy that decided: its name, or {@link #REMOTE}. */
    public String policy() {
        return policy;
    }

    /** The entrypoint decided, in module form ({@code authz/allow}). */
    public String entrypoint() {
        return entrypoint;
    }

    /**
     * The id this decision was logged under ({@code decision_id} of its decision-log event, a UUID), or {@code null}
     * when decision logging is off ({@code quarkus.sark-opa.decision-logs}). The decision API returns it as OPA does.
     */
    public String decisionId() {
        return decisionId;
    }

    /** This decision, logged under {@code decisionId}. */
    public Decision withDecisionId(String decisionId) {
        return new Decision(policy, entrypoint, defined, value, decisionId);
    }

    @Override
    public String toString() {
        return entrypoint + (defined ? " = " + value : " undefined");
    }
}
