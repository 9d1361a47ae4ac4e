package io.sark.opa.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The known-failures file: one case note per line, {@code note | reason}; blank lines and {@code #} comments
 * are ignored. A note stands for every case of that note.
 */
public final class KnownFailures {
    private final Map<String, String> reasons;

    private KnownFailures(Map<String, String> reasons) {
        this.reasons = reasons;
    }

    public static KnownFailures read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read known failures " + file, e);
        }
        Map<String, String> reasons = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int bar = line.lastIndexOf(" | ");
            if (bar <= 0 || line.substring(bar + 3).isBlank()) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": expected \"note | reason\", got " + line);
            }
            reasons.put(line.substring(0, bar).strip(), line.substring(bar + 3).strip());
        }
        return new KnownFailures(reasons);
    }

    public boolean contains(String note) {
        return reasons.containsKey(note);
    }

    public String reason(String note) {
        return reasons.get(note);
    }

    public Map<String, String> all() {
        return reasons;
    }
}
