package io.sark.opa.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packaged application carries the policies as JVM classes: no wasm compiler (ours or Chicory's) and no
 * bytecode library may be on its class path.
 */
class PackagedClasspathIT {

    @Test
    void noChicoryCompilerAndNoAsmInThePackagedApp() throws IOException {
        Path app = Path.of(System.getProperty("quarkus.app.dir", "target/quarkus-app"));
        assertThat(app.resolve("quarkus-run.jar")).exists();
        List<String> jars;
        try (Stream<Path> files = Files.walk(app.resolve("lib"))) {
            jars = files.filter(p -> p.toString().endsWith(".jar"))
                    .map(p -> p.getFileName().toString())
                    .collect(Collectors.toList());
        }
        assertThat(jars).anyMatch(jar -> jar.startsWith("com.dylibso.chicory.runtime-"));
        assertThat(jars).anyMatch(jar -> jar.startsWith("io.sark.quarkus-sark-opa-"));
        assertThat(jars).noneMatch(jar -> jar.startsWith("com.dylibso.chicory.compiler-"));
        assertThat(jars).noneMatch(jar -> jar.startsWith("org.ow2.asm"));
        // policies in bundles activated at run time are compiled only when the application opts in to these
        assertThat(jars).noneMatch(jar -> jar.startsWith("io.sark.sark-opa-compiler-"));
    }
}
