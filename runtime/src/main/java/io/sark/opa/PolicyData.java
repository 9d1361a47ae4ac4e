package io.sark.opa;

import java.util.List;

/**
 * The data documents of the embedded policies, changed at run time as OPA's Data API changes its store
 * ({@code PUT}, {@code PATCH} and {@code DELETE /v1/data/…}). Inject it as a bean.
 *
 * <p>Paths are data paths as the Data API's URLs spell them: slash-separated segments such as
 * {@code "roles/bob"}, an array element by its index ({@code "users/0"}), {@code ""} or {@code "/"} for the
 * whole document. An update applies to every loaded policy whose data covers the path, and it is atomic:
 * each decision, on any thread, sees the data from before it or from after it, never part of it, and no
 * cached decision made with older data is answered again. Updates are applied one at a time, in the order
 * they arrive; each one that succeeds adds one to {@link #revision()}. A failed update changes nothing.
 *
 * <p>The methods block while the new data is loaded (its cost grows with the size of the data): call them
 * from a worker thread, not an event loop. Updates apply to this application instance only and last until it
 * stops; the build's data comes back at the next start.
 */
public interface PolicyData {

    /**
     * Creates or replaces the document at {@code path}, creating missing parent objects, as OPA's
     * {@code PUT /v1/data/{path}}. The value is converted to JSON with the application's Jackson mapper; at
     * the root it must be an object.
     *
     * @throws DataUpdateException when a parent is not an object or an array that can hold the value
     */
    void put(String path, Object value);

    /**
     * As {@link #put}, only when no document is at {@code path} yet ({@code PUT} with
     * {@code If-None-Match: *}).
     *
     * @return whether the value was written; {@code false} when a document was already there
     */
    boolean putIfAbsent(String path, Object value);

    /**
     * Applies JSON-patch operations in order, all of them or none, as OPA's {@code PATCH /v1/data/{path}}:
     * each operation's path is relative to {@code path}. {@code add} needs the parent to exist,
     * {@code replace} and {@code remove} need the target to exist.
     *
     * @throws DataUpdateException naming the first operation that cannot apply
     */
    void patch(String path, List<DataPatch> operations);

    /**
     * Removes the document at {@code path}, as OPA's {@code DELETE /v1/data/{path}}.
     *
     * @throws DataUpdateException with {@link DataUpdateException.Reason#NOT_FOUND} when nothing is there
     */
    void remove(String path);

    /** How many updates have been applied since the application started: {@code 0} while the data is the build's. */
    long revision();
}
