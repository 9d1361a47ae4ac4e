package io.sark.opa.signing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The text of a configured verification key: given inline, or read from a file (a path, or else a resource). */
public final class KeyText {

    /** Reads a resource of the application by name; {@code null} when there is none. */
    @FunctionalInterface
    public interface Resources {
        byte[] read(String name) throws IOException;
    }

    private KeyText() {}

    /**
     * @param name the key's configuration prefix, which errors start with
     * @throws BundleSignatureException when neither or both of {@code key} and {@code keyFile} are given, or the
     *     file is not found or cannot be read
     */
    public static String of(String name, Optional<String> key, Optional<String> keyFile, Resources resources) {
        if (key.isPresent() == keyFile.isPresent()) {
            throw new BundleSignatureException(name + ": set one of key and key-file");
        }
        if (key.isPresent()) {
            return key.get();
        }
        String file = keyFile.get();
        try {
            if (Files.isRegularFile(Path.of(file))) {
                return Files.readString(Path.of(file));
            }
            byte[] resource = resources.read(file);
            if (resource != null) {
                return new String(resource, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new BundleSignatureException(name + ": cannot read " + file);
        }
        throw new BundleSignatureException(name + ": key file " + file + " not found");
    }
}
