package io.sark.opa.runtime.data;

import io.sark.opa.DataUpdateException;
import java.util.ArrayList;
import java.util.List;

/**
 * A path into a data document: the segments of {@code "roles/bob"}; none for the root. Leading and trailing
 * slashes are ignored, as OPA trims them from the Data API's URLs; an empty segment inside is a bad path.
 */
record DocumentPath(List<String> segments) {

    static final DocumentPath ROOT = new DocumentPath(List.of());

    DocumentPath {
        segments = List.copyOf(segments);
    }

    static DocumentPath parse(String path) {
        return ROOT.resolve(path, false);
    }

    /**
     * {@code relative} below this path. A patch operation's path is a JSON pointer ({@code ~1} is {@code /},
     * {@code ~0} is {@code ~}), as in OPA's {@code PATCH /v1/data}.
     */
    DocumentPath resolve(String relative, boolean pointer) {
        String[] parts = (relative == null ? "" : relative).split("/", -1);
        // slashes at either end do not count; one between two others is an empty segment
        int first = 0;
        int last = parts.length - 1;
        while (first <= last && parts[first].isEmpty()) {
            first++;
        }
        while (last >= first && parts[last].isEmpty()) {
            last--;
        }
        List<String> all = new ArrayList<>(segments);
        for (int i = first; i <= last; i++) {
            if (parts[i].isEmpty()) {
                throw new DataUpdateException(DataUpdateException.Reason.INVALID, "bad path: " + relative);
            }
            all.add(pointer ? parts[i].replace("~1", "/").replace("~0", "~") : parts[i]);
        }
        return new DocumentPath(all);
    }

    boolean isRoot() {
        return segments.isEmpty();
    }

    /** Whether this path is {@code root} or below it. */
    boolean isUnder(DocumentPath root) {
        return root.segments.size() <= segments.size() && root.segments.equals(segments.subList(0, root.segments.size()));
    }

    DocumentPath parent() {
        return new DocumentPath(segments.subList(0, segments.size() - 1));
    }

    String last() {
        return segments.get(segments.size() - 1);
    }

    /** As OPA writes a storage path: {@code /roles/bob}. */
    @Override
    public String toString() {
        return "/" + String.join("/", segments);
    }
}
