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

    private Decision(String policy, String entrypoint, boolean defined, Object value) {
        this.policy = policy;
        this.entrypoint = entrypoint;
        this.defined = defined;
        this.value = value;
    }

    /** A defined decision with {@code value}, made by {@code policy} (a policy name, or {@code remote}). */
    public static Decision defined(String policy, String entrypoint, Object value) {
        return new Decision(policy, entrypoint, true, value);
    }

    /** An undefined decision: the policy has no value for this input. */
    public static Decision undefined(String policy, String entrypoint) {
        return new Decision(policy, entrypoint, false, null);
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

    @Override
    public String toString() {
        return entrypoint + (defined ? " = " + value : " undefined");
    }
}
