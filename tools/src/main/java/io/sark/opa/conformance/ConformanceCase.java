package io.sark.opa.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One case of OPA's conformance suite in its compiled-plan form (see the suite's README): the plan, the
 * documents, and either the expected result per entrypoint or the expected error.
 */
public record ConformanceCase(String category, String file, int index, JsonNode json) {

    public String note() {
        return json.path("note").asText(file + "#" + index);
    }

    /** The IR plan, or null when the case file has none. */
    public JsonNode plan() {
        JsonNode p = json.get("plan");
        return p == null || p.isNull() ? null : p;
    }

    public String dataJson() {
        JsonNode d = json.get("data");
        return d == null || d.isNull() ? "{}" : d.toString();
    }

    /** Input as JSON text, or null. */
    public String inputJson() {
        JsonNode i = json.get("input");
        return i == null ? null : i.toString();
    }

    /** Input as Rego term text (may hold set literals), or null. */
    public String inputTerm() {
        JsonNode i = json.get("input_term");
        return i == null || i.isNull() ? null : i.asText();
    }

    /** Entrypoint name to expected result object ({} when undefined); null when an error is expected. */
    public JsonNode wantPlanResult() {
        JsonNode w = json.get("want_plan_result");
        return w == null || w.isNull() ? null : w;
    }

    public boolean expectsError() {
        return json.hasNonNull("want_error_code") || json.hasNonNull("want_error");
    }

    public String wantErrorCode() {
        return json.hasNonNull("want_error_code") ? json.get("want_error_code").asText() : null;
    }

    public String wantError() {
        return json.hasNonNull("want_error") ? json.get("want_error").asText() : null;
    }

    public boolean strictError() {
        return json.path("strict_error").asBoolean(false);
    }

    /** Compare bindings leaving out the variables OPA's compiler generated ({@code __local0__}). */
    public boolean ignoreGeneratedVars() {
        return json.path("ignore_generated_vars").asBoolean(false);
    }

    /** The Rego query the case was written as, or null. */
    public String query() {
        JsonNode q = json.get("query");
        return q == null || q.isNull() ? null : q.asText();
    }

    public boolean sortBindings() {
        return json.path("sort_bindings").asBoolean(false);
    }

    public List<String> entrypoints() {
        List<String> out = new ArrayList<>();
        json.path("entrypoints").forEach(e -> out.add(e.asText()));
        return out;
    }
}
