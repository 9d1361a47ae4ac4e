package io.sark.opa.runtime.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sark.opa.DataUpdateException;
import io.sark.opa.DataUpdateException.Reason;

/**
 * One policy's data document being changed, with the semantics of OPA's storage (v1/storage/inmem): {@code add}
 * needs the parent, {@code replace} and {@code remove} the target; the root must stay an object and cannot be
 * removed; an array member is named by its index, and {@code add} takes {@code -} to append. Not thread-safe:
 * one update works on its own copy.
 */
final class DataDocument {

    private ObjectNode root;

    DataDocument(ObjectNode root) {
        this.root = root;
    }

    ObjectNode root() {
        return root;
    }

    boolean exists(DocumentPath path) {
        try {
            find(path);
            return true;
        } catch (DataUpdateException e) {
            return false;
        }
    }

    /** OPA's {@code PUT}: missing parents become objects, then {@link #add}. */
    void put(DocumentPath path, JsonNode value) {
        if (!path.isRoot()) {
            makeObjects(path.parent());
        }
        add(path, value);
    }

    void add(DocumentPath path, JsonNode value) {
        if (path.isRoot()) {
            root = rootObject(value);
            return;
        }
        JsonNode parent = find(path.parent());
        if (parent instanceof ObjectNode object) {
            object.set(path.last(), value);
        } else if (parent instanceof ArrayNode array) {
            if ("-".equals(path.last())) {
                array.add(value);
            } else {
                array.insert(index(path, array.size() + 1), value);
            }
        } else {
            throw notFound(path, null);
        }
    }

    void replace(DocumentPath path, JsonNode value) {
        if (path.isRoot()) {
            root = rootObject(value);
            return;
        }
        find(path);
        JsonNode parent = find(path.parent());
        if (parent instanceof ObjectNode object) {
            object.set(path.last(), value);
        } else {
            ((ArrayNode) parent).set(index(path, parent.size()), value);
        }
    }

    void remove(DocumentPath path) {
        if (path.isRoot()) {
            throw new DataUpdateException(Reason.INVALID, "root cannot be removed");
        }
        find(path);
        JsonNode parent = find(path.parent());
        if (parent instanceof ObjectNode object) {
            object.remove(path.last());
        } else {
            ((ArrayNode) parent).remove(index(path, parent.size()));
        }
    }

    private JsonNode find(DocumentPath path) {
        JsonNode node = root;
        for (int i = 0; i < path.segments().size(); i++) {
            String segment = path.segments().get(i);
            DocumentPath prefix = new DocumentPath(path.segments().subList(0, i + 1));
            if (node instanceof ObjectNode object) {
                node = object.get(segment);
            } else if (node instanceof ArrayNode array) {
                node = array.get(index(prefix, array.size()));
            } else {
                node = null;
            }
            if (node == null) {
                throw notFound(prefix, null);
            }
        }
        return node;
    }

    private void makeObjects(DocumentPath path) {
        JsonNode node = root;
        for (int i = 0; i < path.segments().size(); i++) {
            String segment = path.segments().get(i);
            if (node instanceof ObjectNode object) {
                node = object.has(segment) ? object.get(segment) : object.putObject(segment);
            } else if (node instanceof ArrayNode array) {
                node = array.get(index(new DocumentPath(path.segments().subList(0, i + 1)), array.size()));
            } else {
                // OPA's storage.MakeDir: a scalar in the way is a write conflict
                throw new DataUpdateException(Reason.CONFLICT, new DocumentPath(path.segments().subList(0, i))
                        + ": document is not an object or array");
            }
        }
    }

    /** The array index {@code path} ends with, below {@code bound}. */
    private static int index(DocumentPath path, int bound) {
        int index;
        try {
            index = Integer.parseInt(path.last());
        } catch (NumberFormatException e) {
            throw notFound(path, "array index must be integer");
        }
        if (index < 0 || index >= bound) {
            throw notFound(path, "array index out of range");
        }
        return index;
    }

    private static ObjectNode rootObject(JsonNode value) {
        if (value instanceof ObjectNode object) {
            return object;
        }
        throw new DataUpdateException(Reason.INVALID, "root must be object");
    }

    private static DataUpdateException notFound(DocumentPath path, String hint) {
        return new DataUpdateException(Reason.NOT_FOUND, path + ": document does not exist"
                + (hint == null ? "" : " (" + hint + ")"));
    }
}
