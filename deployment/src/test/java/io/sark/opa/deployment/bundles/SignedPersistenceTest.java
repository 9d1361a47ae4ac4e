package io.sark.opa.deployment.bundles;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.QuarkusUnitTest;
import io.sark.opa.PolicyEvaluator;
import io.sark.opa.runtime.bundles.BundlePollers;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A persisted bundle is verified again when it is read at start (OPA verifies a bundle loaded from disk as one
 * downloaded): the signed one activates, one altered on disk is refused while the server is down. The key is
 * read from a file given at run time.
 */
class SignedPersistenceTest {

    static final String SECRET = "run-time-secret";

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest().withApplicationRoot(jar -> jar
            .addAsResource(new StringAsset("package check\n\n# METADATA\n# entrypoint: true\n"
                    + "v := [data.good.v, data.bad.v]\n"), "policies/check/check.rego")
            .addAsResource(new StringAsset("{\"good\": {\"v\": 0}, \"bad\": {\"v\": 0}}"), "policies/data.json")
            .addClass(BundleServer.class))
            .overrideConfigKey("quarkus.http.test-port", "0")
            .overrideConfigKey("quarkus.sark-opa.services.down.url", "http://127.0.0.1:9")
            .overrideConfigKey("quarkus.sark-opa.bundles.good.service", "down")
            .overrideConfigKey("quarkus.sark-opa.bundles.good.persist", "true")
            .overrideConfigKey("quarkus.sark-opa.bundles.bad.service", "down")
            .overrideConfigKey("quarkus.sark-opa.bundles.bad.persist", "true")
            .overrideConfigKey("quarkus.sark-opa.persistence-directory", persisted().toString())
            .overrideRuntimeConfigKey("quarkus.sark-opa.keys.k1.key-file", keyFile())
            .overrideRuntimeConfigKey("quarkus.sark-opa.keys.k1.algorithm", "HS256");

    @Inject
    PolicyEvaluator evaluator;

    @Inject
    BundlePollers bundles;

    private static String keyFile() {
        try {
            Path file = BundleServer.tempDirectory("bundle-key").resolve("key.txt");
            Files.writeString(file, SECRET);
            return file.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path persisted() {
        try {
            Path dir = BundleServer.tempDirectory("bundle-persisted");
            for (String name : new String[] {"good", "bad"}) {
                Map<String, String> files = new LinkedHashMap<>();
                files.put(".manifest", "{\"revision\": \"" + name + "-1\", \"roots\": [\"" + name + "\"]}");
                files.put(name + "/data.json", "{\"v\": 1}");
                files = BundleServer.signed(files, SECRET);
                if (name.equals("bad")) {
                    files.put("bad/data.json", "{\"v\": 2}"); // altered on disk after it was persisted
                }
                Files.createDirectories(dir.resolve("bundles/" + name));
                Files.write(dir.resolve("bundles/" + name + "/bundle.tar.gz"), BundleServer.archive(files));
            }
            return dir;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void onlyThePersistedBundleThatVerifiesIsActivated() {
        assertThat(String.valueOf(evaluator.evaluateBlocking("check/v", Map.of()).value())).isEqualTo("[1,0]");
        assertThat(bundles.revisions()).containsEntry("good", "good-1").containsEntry("bad", null);
    }
}
