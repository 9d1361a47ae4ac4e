package io.sark.opa.rego;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds the {@code # METADATA} blocks among a file's comments (the marker line and the comment lines directly below
 * it) and hands each to the first package or rule that follows.
 */
final class MetadataBlocks {
    private static final Pattern ENTRYPOINT = Pattern.compile("^entrypoint:\\s*true\\s*$", Pattern.MULTILINE);

    private final Deque<Metadata> pending = new ArrayDeque<>();

    MetadataBlocks(List<Comment> comments) {
        for (int i = 0; i < comments.size(); i++) {
            Comment marker = comments.get(i);
            if (!marker.text().strip().equals("METADATA")) {
                continue;
            }
            List<String> lines = new ArrayList<>();
            int row = marker.loc().row();
            while (i + 1 < comments.size() && comments.get(i + 1).loc().row() == row + 1) {
                Comment c = comments.get(++i);
                row++;
                lines.add(c.text().startsWith(" ") ? c.text().substring(1) : c.text());
            }
            String yaml = String.join("\n", lines);
            pending.add(new Metadata(marker.loc(), yaml, ENTRYPOINT.matcher(yaml).find()));
        }
    }

    /** The blocks that start before the given position, removed from the pending ones. */
    List<Metadata> takeBefore(Location loc) {
        List<Metadata> out = new ArrayList<>();
        while (!pending.isEmpty() && before(pending.peek().loc(), loc)) {
            out.add(pending.poll());
        }
        return out;
    }

    private static boolean before(Location a, Location b) {
        return a.row() < b.row() || (a.row() == b.row() && a.col() < b.col());
    }
}
