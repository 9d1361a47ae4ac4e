package io.sark.opa;

import java.util.Objects;

/**
 * One operation of a {@link PolicyData#patch} (RFC 6902's {@code add}, {@code replace} and {@code remove}, the
 * operations OPA's {@code PATCH /v1/data} accepts).
 *
 * @param op what to do
 * @param path where, relative to the patch's path; {@code ""} or {@code "/"} for that path itself
 * @param value the new document for {@code add} and {@code replace}; ignored by {@code remove}
 */
public record DataPatch(Op op, String path, Object value) {

    /** The operations. */
    public enum Op {
        /** Creates or replaces a member of an existing object, or inserts into an existing array ({@code -} appends). */
        ADD,
        /** Replaces an existing document. */
        REPLACE,
        /** Removes an existing document. */
        REMOVE
    }

    public DataPatch {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(path, "path");
    }

    public static DataPatch add(String path, Object value) {
        return new DataPatch(Op.ADD, path, value);
    }

    public static DataPatch replace(String path, Object value) {
        return new DataPatch(Op.REPLACE, path, value);
    }

    public static DataPatch remove(String path) {
        return new DataPatch(Op.REMOVE, path, null);
    }
}
