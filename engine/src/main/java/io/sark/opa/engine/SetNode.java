package io.sark.opa.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * A Rego set among a builtin's JSON values: an array of its elements that knows it is a set. Builtins that
 * declare {@link Builtin#seesSets()} receive sets as these (other builtins get plain arrays, as OPA's JSON
 * gives them) and may return them, nested anywhere, to hand a set back to the policy.
 */
public final class SetNode extends ArrayNode {

    public SetNode(JsonNodeFactory factory) {
        super(factory);
    }

    @Override
    public SetNode deepCopy() {
        SetNode copy = new SetNode(_nodeFactory);
        for (JsonNode element : this) {
            copy.add(element.deepCopy());
        }
        return copy;
    }

    /** Whether {@code value} holds a set anywhere. */
    public static boolean within(JsonNode value) {
        if (value instanceof SetNode) {
            return true;
        }
        for (JsonNode child : value) {
            if (within(child)) {
                return true;
            }
        }
        return false;
    }
}
