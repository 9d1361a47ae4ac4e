package io.sark.opa.runtime.logs;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.vertx.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes an event as OPA's decision-log event (EventV1 in v1/plugins/logs/plugin.go): {@code labels},
 * {@code decision_id}, {@code bundles}, {@code path}, {@code input}, {@code result}, {@code erased},
 * {@code error}, {@code requested_by}, {@code timestamp}, {@code metrics}. Input and result are copied as they are,
 * and parsed only when a mask erases part of them.
 */
final class EventEncoder {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS); // numbers keep their precision when masked

    private final Map<String, String> labels;
    private final EventMask mask;
    private final MaskPolicy maskPolicy;
    private final DropPolicy dropPolicy;

    EventEncoder(Map<String, String> labels, EventMask mask, MaskPolicy maskPolicy, DropPolicy dropPolicy) {
        this.labels = labels;
        this.mask = mask;
        this.maskPolicy = maskPolicy;
        this.dropPolicy = dropPolicy;
    }

    /** The encoded event, or {@code null} when the drop policy drops it. */
    byte[] encode(DecisionEvent event) {
        boolean masking = maskPolicy.present();
        boolean dropping = dropPolicy.present();
        boolean policy = masking || dropping; // a policy reads the event, so input and result are parsed
        ObjectNode json = MAPPER.createObjectNode();
        ObjectNode labelsNode = json.putObject("labels");
        labels.forEach(labelsNode::put);
        json.put("decision_id", event.decisionId());
        if (event.bundle() != null) {
            json.putObject("bundles").putObject(event.bundle()).put("revision", event.revision());
        }
        json.put("path", event.path());
        if (event.input() != null) {
            json.set(EventMask.INPUT, node(new String(event.input(), StandardCharsets.UTF_8), policy || mask.touches(EventMask.INPUT)));
        }
        if (event.defined()) {
            json.set(EventMask.RESULT, node(Json.encode(event.result()), policy || mask.touches(EventMask.RESULT)));
        }
        if (event.requestedBy() != null) {
            json.put("requested_by", event.requestedBy());
        }
        json.put("timestamp", event.timestamp().toString());
        // OPA asks the drop policy, then the mask policy, about the event as it stands, before anything is erased
        if (dropping && dropPolicy.drops(json)) {
            return null;
        }
        EventMask fromPolicy = masking ? maskPolicy.masksFor(json) : null;
        List<String> erased = new ArrayList<>(mask.apply(json));
        if (fromPolicy != null) {
            erased.addAll(fromPolicy.apply(json));
        }
        // the members after erased keep OPA's order (EventV1): erased, error, requested_by, timestamp, metrics
        JsonNode requestedBy = json.remove("requested_by");
        JsonNode timestamp = json.remove("timestamp");
        if (!erased.isEmpty()) {
            erased.forEach(json.putArray("erased")::add);
        }
        if (event.error() != null) {
            json.putObject("error").put("message", event.error());
        }
        if (requestedBy != null) {
            json.set("requested_by", requestedBy);
        }
        json.set("timestamp", timestamp);
        json.putObject("metrics").put("timer_rego_query_eval_ns", event.evalNanos());
        try {
            return MAPPER.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode node(String json, boolean parse) {
        if (!parse) {
            return MAPPER.getNodeFactory().rawValueNode(new RawValue(json));
        }
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
