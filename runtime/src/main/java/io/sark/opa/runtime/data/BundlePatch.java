package io.sark.opa.runtime.data;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One operation of a delta bundle's {@code patch.json} (OPA's bundle.PatchOperation, applied as v1/bundle/store.go
 * applyPatches does).
 *
 * @param path a JSON pointer from the root of the data ({@code ~1} is {@code /}, {@code ~0} is {@code ~})
 * @param value the new document for {@code upsert} and {@code replace}
 */
public record BundlePatch(Op op, String path, JsonNode value) {

    public enum Op {
        /** Creates or replaces the document, making missing parents objects. */
        UPSERT,
        /** Replaces an existing document. */
        REPLACE,
        /** Removes an existing document. */
        REMOVE
    }
}
