package io.sark.opa.deployment;

import static io.sark.opa.deployment.PolicyFixtures.DEMO_DATA;
import static io.sark.opa.deployment.PolicyFixtures.DEMO_ENTRYPOINT;
import static io.sark.opa.deployment.PolicyFixtures.demoWasm;
import static io.sark.opa.deployment.PolicyFixtures.utf8;

import io.sark.opa.signing.BundleSigner;
import java.util.LinkedHashMap;
import java.util.Map;

/** The demo bundle's files signed with an HMAC secret, as {@code opa build --signing-alg HS256} signs. */
final class SignedBundles {
    static final String SECRET = "build-time-secret";

    private SignedBundles() {}

    static Map<String, byte[]> signedDemo(String keyId) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(".manifest", utf8("{\"revision\":\"signed\",\"wasm\":[{\"entrypoint\":\"" + DEMO_ENTRYPOINT
                + "\",\"module\":\"/policy.wasm\"}]}"));
        files.put("policy.wasm", demoWasm());
        files.put("data.json", utf8(DEMO_DATA));
        files.put(".signatures.json", BundleSigner.sign(files, SECRET, "HS256", keyId, null));
        return files;
    }
}
