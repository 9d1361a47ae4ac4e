package io.sark.opa.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BundleSignatureTest {

    private static final String SECRET = "secret";

    static Map<String, byte[]> bundle() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("/policy.rego", bytes("package authz\nallow if input.user == \"alice\"\n"));
        files.put("/roles/data.json", bytes("{\"b\": [1, 2.50], \"a\": \"x\"}"));
        files.put("/.manifest", bytes("{\"revision\": \"7\", \"roots\": [\"\"]}"));
        return files;
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + type
                + "-----\n";
    }

    static KeyPair keyPair(String algorithm) throws Exception {
        if (algorithm.startsWith("ES")) {
            KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
            ec.initialize(new ECGenParameterSpec("secp256r1"));
            return ec.generateKeyPair();
        }
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        return rsa.generateKeyPair();
    }

    static Map<String, byte[]> signed(Map<String, byte[]> files, String key, String algorithm, String keyId,
            String claims) {
        Map<String, byte[]> out = new LinkedHashMap<>(files);
        out.put("/.signatures.json", BundleSigner.sign(files, key, algorithm, keyId,
                claims == null ? null : bytes(claims)));
        return out;
    }

    static VerificationConfig hmac(String scope, String... exclude) {
        return new VerificationConfig(Map.of("k1", new VerificationKey(SECRET, "HS256")), null, scope,
                List.of(exclude));
    }

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "PS384", "ES256"})
    void signedWithAPrivateKeyVerifiesWithItsPublicKey(String algorithm) throws Exception {
        KeyPair pair = keyPair(algorithm);
        Map<String, byte[]> files = signed(bundle(), pem("PRIVATE KEY", pair.getPrivate().getEncoded()), algorithm,
                "k1", null);
        VerificationConfig config = new VerificationConfig(Map.of("k1",
                new VerificationKey(pem("PUBLIC KEY", pair.getPublic().getEncoded()), algorithm)), null, "",
                List.of());
        assertThatCode(() -> BundleVerifier.verify(files, config)).doesNotThrowAnyException();

        VerificationConfig other = new VerificationConfig(Map.of("k1",
                new VerificationKey(pem("PUBLIC KEY", keyPair(algorithm).getPublic().getEncoded()), algorithm)),
                null, "", List.of());
        assertThatThrownBy(() -> BundleVerifier.verify(files, other))
                .hasMessage("signature does not verify with key 'k1'");
    }

    @Test
    void hmacRoundTripAndTheFileLayoutOfOpa() {
        Map<String, byte[]> files = signed(bundle(), SECRET, "HS256", "k1", null);
        BundleVerifier.verify(files, hmac(""));
        // OPA writes json.MarshalIndent(signatures, "", " ")
        assertThat(new String(files.get("/.signatures.json"), StandardCharsets.UTF_8))
                .matches("\\{\n \"signatures\": \\[\n  \"[\\w-]+\\.[\\w-]+\\.[\\w-]+\"\n ]\n}");
    }

    @Test
    void wrongSecretIsRefused() {
        Map<String, byte[]> files = signed(bundle(), "other", "HS256", "k1", null);
        assertThatThrownBy(() -> BundleVerifier.verify(files, hmac("")))
                .isInstanceOf(BundleSignatureException.class)
                .hasMessage("signature does not verify with key 'k1'");
    }

    @Test
    void structuredFilesHashTheirValueNotTheirLayout() {
        Map<String, byte[]> files = signed(bundle(), SECRET, "HS256", "k1", null);
        files.put("/roles/data.json", bytes("{\n  \"a\": \"x\",\n  \"b\": [1, 2.50]\n}\n"));
        BundleVerifier.verify(files, hmac(""));
    }

    @Test
    void tamperedFileIsRefusedByName() {
        Map<String, byte[]> files = signed(bundle(), SECRET, "HS256", "k1", null);
        files.put("/roles/data.json", bytes("{\"b\": [1, 2.5], \"a\": \"x\"}")); // 2.50 -> 2.5 is a change to OPA
        assertThatThrownBy(() -> BundleVerifier.verify(files, hmac("")))
                .hasMessage("roles/data.json: hash mismatch");
        Map<String, byte[]> policy = signed(bundle(), SECRET, "HS256", "k1", null);
        policy.put("/policy.rego", bytes("package authz\nallow := true\n"));
        assertThatThrownBy(() -> BundleVerifier.verify(policy, hmac(""))).hasMessage("policy.rego: hash mismatch");
    }

    @Test
    void missingAndExtraFilesAreRefused() {
        Map<String, byte[]> missing = signed(bundle(), SECRET, "HS256", "k1", null);
        missing.remove("/policy.rego");
        assertThatThrownBy(() -> BundleVerifier.verify(missing, hmac("")))
                .hasMessage("file policy.rego is listed in the signature but missing from the bundle");

        Map<String, byte[]> extra = signed(bundle(), SECRET, "HS256", "k1", null);
        extra.put("/x.rego", bytes("package x\n"));
        assertThatThrownBy(() -> BundleVerifier.verify(extra, hmac("")))
                .hasMessage("file x.rego is not listed in the signature");
    }

    @Test
    void excludedFilesAreNotChecked() {
        Map<String, byte[]> files = signed(bundle(), SECRET, "HS256", "k1", null);
        files.put("/notes/readme.txt", bytes("added after signing"));
        files.put("/roles/data.json", bytes("{}"));
        BundleVerifier.verify(files, hmac("", "notes/*", "roles/data.json"));
    }

    @Test
    void scopeMustMatch() {
        Map<String, byte[]> files = signed(bundle(), SECRET, "HS256", "k1", "{\"scope\": \"write\"}");
        BundleVerifier.verify(files, new VerificationConfig(Map.of("k1", new VerificationKey(SECRET, "HS256")), "k1",
                "write", List.of()));
        assertThatThrownBy(() -> BundleVerifier.verify(files, new VerificationConfig(
                Map.of("k1", new VerificationKey(SECRET, "HS256")), "k1", "read", List.of())))
                .hasMessage("scope 'write' does not match 'read'");
    }

    // OPA v1/bundle/verify.go: the bundle's signing.scope, else the scope of the key the signature verified with
    @Test
    void withoutABundleScopeTheKeysScopeMustMatch() {
        Map<String, byte[]> files = signed(bundle(), SECRET, "HS256", "k1", "{\"scope\": \"write\"}");
        BundleVerifier.verify(files, new VerificationConfig(Map.of("k1", new VerificationKey(SECRET, "HS256",
                "write")), null, null, List.of()));
        assertThatThrownBy(() -> BundleVerifier.verify(files, new VerificationConfig(
                Map.of("k1", new VerificationKey(SECRET, "HS256", "read")), null, null, List.of())))
                .hasMessage("scope 'write' does not match 'read'");
        assertThatThrownBy(() -> BundleVerifier.verify(files, new VerificationConfig(
                Map.of("k1", new VerificationKey(SECRET, "HS256")), null, null, List.of())))
                .hasMessage("scope 'write' does not match ''");
    }

    @Test
    void unknownKeyIdAndUnsignedBundlesAreRefused() {
        Map<String, byte[]> files = signed(bundle(), SECRET, "HS256", "k2", null);
        assertThatThrownBy(() -> BundleVerifier.verify(files, hmac(""))).hasMessage("unknown keyid 'k2'");
        assertThatThrownBy(() -> BundleVerifier.verify(bundle(), hmac("")))
                .hasMessage("bundle is not signed: it has no .signatures.json");
    }

    @Test
    void theAlgorithmOfTheKeyIsTheOneAccepted() {
        Map<String, byte[]> files = signed(bundle(), SECRET, "HS512", "k1", null);
        assertThatThrownBy(() -> BundleVerifier.verify(files, hmac("")))
                .hasMessage("signature algorithm 'HS512' does not match key 'k1' (HS256)");
    }

    // Test vectors from OPA v1/bundle/verify_test.go (TestVerifyJWTSignature, TestVerifyBundleFile).
    private static final String OPA_HS256_KID_FOO_SCOPE_WRITE = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6ImZvbyJ9."
            + "eyJmaWxlcyI6W3sibmFtZSI6ImRiL3VhbTIvZW50aXRsZW1lbnRzL2RhdGEuanNvbiIsImhhc2giOiJjMjEzMTU0NGM3MTZhMjVhNWUz"
            + "MWY1MDQzMDBmNTI0MGU4MjM1Y2FkYjlhNTdmMGJkMWI2ZjRiZDc0YjI2NjEyIiwiYWxnb3JpdGhtIjoic2hhMjU2In0seyJuYW1lIjoi"
            + "ZGIvdWFtMi9wb2xpY3kvb3BhLXBvbGljeS5yZWdvIiwiaGFzaCI6IjQyY2ZlNjc2OGI1N2JiNWY3NTAzYzE2NWMyOGRkMDdhYzViODEz"
            + "NTU0ZWJjODUwZjJjYzM1ODQzZTcxMzdiMWQifV0sImlhdCI6MTU5MjI0ODAyNywiaXNzIjoiSldUU2VydmljZSIsInNjb3BlIjoid3Jp"
            + "dGUifQ.u7b_h88osJpU6VQLhIUmZjblsPNCO_kTqsVtpEAHavs";
    private static final String OPA_RS256_KID_FOO_SCOPE_WRITE = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6ImZvbyJ9."
            + "eyJmaWxlcyI6W3sibmFtZSI6ImRiL3VhbTIvZW50aXRsZW1lbnRzL2RhdGEuanNvbiIsImhhc2giOiJjMjEzMTU0NGM3MTZhMjVhNWUz"
            + "MWY1MDQzMDBmNTI0MGU4MjM1Y2FkYjlhNTdmMGJkMWI2ZjRiZDc0YjI2NjEyIiwiYWxnb3JpdGhtIjoic2hhMjU2In0seyJuYW1lIjoi"
            + "ZGIvdWFtMi9wb2xpY3kvb3BhLXBvbGljeS5yZWdvIiwiaGFzaCI6IjQyY2ZlNjc2OGI1N2JiNWY3NTAzYzE2NWMyOGRkMDdhYzViODEz"
            + "NTU0ZWJjODUwZjJjYzM1ODQzZTcxMzdiMWQifV0sImlhdCI6MTU5MjI1MTQwNiwiaXNzIjoiSldUU2VydmljZSIsInNjb3BlIjoid3Jp"
            + "dGUifQ.UZcX_Qj29o213nwZ5mysiyNcgAp1AOqCkDLkj1KGZ7Cw3l17TbkF8t3FJd654sf762NGcABA0WQ2zxq-labXl_d5TKQmq23lurO"
            + "3qLHI1cKQPyoxPbddGo78sJpMwWsiMyEYcyyKC9FpNUpa8cT81GPo4q9Zui8TAD0wtHh2YxBL7E8QYLJxcLMJTJxVBgrQGLXFT7vYRc6h"
            + "Jz9Vu-i0SWuLBGxOCmYoHr4DWFfy0IhAbhiUFyLRpukfBPjCJNYY5LgaZdN6LaYivtIEUms5jUuXubBimLJm7KOT5-bgJMXTcUsbrbl2M"
            + "a7PwG5IOKjjgyEvH8KVfGFZSzNrpuxKmA";
    private static final String OPA_PUBLIC_KEY = "-----BEGIN PUBLIC KEY-----\n"
            + "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA9KaakMv1XKKDaSch3PFR\n"
            + "3a27oaHp1GNTTNqvb1ZaHZXp+wuhYDwc/MTE67x9GCifvQBWzEGorgTq7aisiOyl\n"
            + "vKifwz6/wQ+62WHKG/sqKn2Xikp3P63aBIPlZcHbkyyRmL62yeyuzYoGvLEYel+m\n"
            + "z5SiKGBwviSY0Th2L4e5sGJuk2HOut6emxDi+E2Fuuj5zokFJvIT6Urlq8f3h6+l\n"
            + "GeR6HUOXqoYVf7ff126GP7dticTVBgibxkkuJFmpvQSW6xmxruT4k6iwjzbZHY7P\n"
            + "ypZ/TdlnuGC1cOpAVyU7k32IJ9CRbt3nwEf5U54LRXLLQjFixWZHwKdDiMTF4ws0\n"
            + "+wIDAQAB\n"
            + "-----END PUBLIC KEY-----";

    /** No kid header; the deprecated keyid claim names "foo". */
    private static final String OPA_HS256_KEYID_CLAIM_FOO = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJmaWxlcyI6W3sibmFtZSI6ImRiL3VhbTIvZW50aXRsZW1lbnRzL2RhdGEuanN"
            + "vbiIsImhhc2giOiJjMjEzMTU0NGM3MTZhMjVhNWUzMWY1MDQzMDBmNTI0MGU4MjM1Y2FkYjlhNTdmMGJkMWI2ZjRiZDc0YjI2NjE"
            + "yIiwiYWxnb3JpdGhtIjoic2hhMjU2In0seyJuYW1lIjoiZGIvdWFtMi9wb2xpY3kvb3BhLXBvbGljeS5yZWdvIiwiaGFzaCI6IjQ"
            + "yY2ZlNjc2OGI1N2JiNWY3NTAzYzE2NWMyOGRkMDdhYzViODEzNTU0ZWJjODUwZjJjYzM1ODQzZTcxMzdiMWQifV0sImlhdCI6MTU"
            + "5MjI0ODAyNywiaXNzIjoiSldUU2VydmljZSIsImtleWlkIjoiZm9vIiwic2NvcGUiOiJ3cml0ZSJ9.4nrInalqppAc9EjsNUD9Y3"
            + "5amVpDGoRk4bkxzdY8fhs";
    /** Neither kid header nor keyid claim. */
    private static final String OPA_HS256_NO_KEY_ID = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJmaWxlcyI6W3sibmFtZSI6ImRiL3VhbTIvZW50aXRsZW1lbnRzL2RhdGEuanN"
            + "vbiIsImhhc2giOiJjMjEzMTU0NGM3MTZhMjVhNWUzMWY1MDQzMDBmNTI0MGU4MjM1Y2FkYjlhNTdmMGJkMWI2ZjRiZDc0YjI2NjE"
            + "yIiwiYWxnb3JpdGhtIjoic2hhMjU2In0seyJuYW1lIjoiZGIvdWFtMi9wb2xpY3kvb3BhLXBvbGljeS5yZWdvIiwiaGFzaCI6IjQ"
            + "yY2ZlNjc2OGI1N2JiNWY3NTAzYzE2NWMyOGRkMDdhYzViODEzNTU0ZWJjODUwZjJjYzM1ODQzZTcxMzdiMWQifV0sImlhdCI6MTU"
            + "5MjI0ODAyNywiaXNzIjoiSldUU2VydmljZSIsInNjb3BlIjoid3JpdGUifQ.N2DaEyhfACMAij2sRC0ZDwNz4wI7BX_flH3IkKqM"
            + "vE4";

    @Test
    void opaKeyIdOrderHeaderThenDeprecatedClaim() {
        VerificationConfig foo = new VerificationConfig(Map.of("foo", new VerificationKey(SECRET, "HS256")), null,
                "write", List.of());
        assertThatThrownBy(() -> BundleVerifier.verify(onlySignature(OPA_HS256_KEYID_CLAIM_FOO), foo))
                .hasMessageContaining("is listed in the signature but missing from the bundle");
        assertThatThrownBy(() -> BundleVerifier.verify(onlySignature(OPA_HS256_NO_KEY_ID), foo))
                .hasMessage("the signature names no key (no kid) and no key id is configured");
        VerificationConfig configured = new VerificationConfig(Map.of("foo", new VerificationKey(SECRET, "HS256")),
                "foo", "write", List.of());
        assertThatThrownBy(() -> BundleVerifier.verify(onlySignature(OPA_HS256_NO_KEY_ID), configured))
                .hasMessageContaining("is listed in the signature but missing from the bundle");
    }

    /** The private key of OPA_PUBLIC_KEY, in a comment of the same OPA test, for re-generating its signatures. */
    private static final String OPA_PKCS1_PRIVATE_KEY = "-----BEGIN RSA PRIVATE KEY-----\n"
            + "MIIEpQIBAAKCAQEA9KaakMv1XKKDaSch3PFR3a27oaHp1GNTTNqvb1ZaHZXp+wuh\n"
            + "YDwc/MTE67x9GCifvQBWzEGorgTq7aisiOylvKifwz6/wQ+62WHKG/sqKn2Xikp3\n"
            + "P63aBIPlZcHbkyyRmL62yeyuzYoGvLEYel+mz5SiKGBwviSY0Th2L4e5sGJuk2HO\n"
            + "ut6emxDi+E2Fuuj5zokFJvIT6Urlq8f3h6+lGeR6HUOXqoYVf7ff126GP7dticTV\n"
            + "BgibxkkuJFmpvQSW6xmxruT4k6iwjzbZHY7PypZ/TdlnuGC1cOpAVyU7k32IJ9CR\n"
            + "bt3nwEf5U54LRXLLQjFixWZHwKdDiMTF4ws0+wIDAQABAoIBAQDDL0BVkUNZ+pYZ\n"
            + "CI1ttmH4GCmAFKt3NR86S6Z3j08qF3arQWYoXw1JZLsu0ByFb7OxmFmncCLhYy8D\n"
            + "GPU98H9x+p4rqR5XKvOJhwk2NbY4XCbQwARPm6Y6v/f+rSE/U+l9EXrHsrrrZNln\n"
            + "JWtABpwRNKYCzJ5mNNBu6zrvRLuSygXG/U5wMnO7bLAJh7u3SUPd6Mkg+RTEu4jG\n"
            + "wHuhcnbsbBdpLRHZKeGlfVL62sUXE1mrf09406U2i7us9BhvYC6pEgbVi7PZ0FBs\n"
            + "Lx0W1PB0GdKS0hq6yKQhskBFI/CsGHoIjIsG7AiUyGwxLgeVHyOfUTZGaVRVZ99j\n"
            + "+nz6rOhRAoGBAP6nW/oDaaVZM0JiO09KdbEmtUeNqKPGM1rNtakbiBz5JZ6M636L\n"
            + "2Q///7jvyIrI6WNRTQh2ByqKpxwHjd0+mJa1CiOrTVE44mcxaXoSdQWtXJhZt24O\n"
            + "kOwVWgy5P/nyIVq+l+vYFJvMq387c9h/l2cFaSa5fIiTbTFq3ue8Mmp1AoGBAPXx\n"
            + "tPCHeGa8WwKvMwVB4hZ5XogTRLqtTIftqhrJvSp/2md60Xz7A35HuOTV22PFuoUt\n"
            + "pIaJggPVHOd7tsSYEx2wjJpTNf+EWhIdp7kziHIqGgjj/d+NftRDvx3e/mJip4TI\n"
            + "XEN0BzxCplU/eFPL8bvi03fjnCOh2iG599d8vtOvAoGBAMlB1ZRDLDSMydE2N2+U\n"
            + "Bm3qjKyvTU+aLi4ek+rBopJbahrjfp61weg+R4mOoGznGmTu9TWxqjo5+JZTdhAc\n"
            + "D5ZUIF5OXT3K+kvaJmVevvOsrpiNl0W451peCZwysFhGv4urRAAV9zumxwc4IndB\n"
            + "Z5P5F8COKdj6wvqiXubAuwudAoGAD6gPaLB3DbM35/fXO6JyDhQz3F29plSZ5p1O\n"
            + "kt382NPCx4ueAmLIWiWes5KZoMRZl1jMfHQMfsn2SRYrEGDN9rnieYCKk3WNdlHE\n"
            + "95k8OmhLt/0rkCulw0V8yR4E+6ZkG6PVm8WrID7t78dWlZ8KCHfsFlm6+tm21SbN\n"
            + "jD44t6kCgYEAnTHH8SOMoW/kMckESubV2y4rvdLol7nVX3ia7IGP8TA6NHsGT0Qb\n"
            + "EOuKwnuQ3ZToMdNVrS2nFyLe/HohSbT0SrNu2j4YkZDxHGQImZvw/KtMFPyT+Ff8\n"
            + "rtvSvuiJNjLUr6OcqxARXrmispBO/GxvWucF0tcpOcSGUDYHAD2yIAQ=\n"
            + "-----END RSA PRIVATE KEY-----";
    /** A test key pair in the forms openssl ecparam -genkey and openssl ec -pubout write (SEC 1, PKIX). */
    private static final String SEC1_EC_PRIVATE_KEY = "-----BEGIN EC PRIVATE KEY-----\n"
            + "MHcCAQEEIMo7kJESmyDwQ0ge0z+jAot5GzVCZW+Bn54oKStUnFOMoAoGCCqGSM49\n"
            + "AwEHoUQDQgAEk4ffKezjaLaF/gtNHH9GjCNSgh2fofYq9aqHMSgYOFB/D0BBwTC+\n"
            + "Y6ZYQ+ulswA4K5oge79DwVXclNXClKde5w==\n"
            + "-----END EC PRIVATE KEY-----\n";
    private static final String EC_PUBLIC_KEY = "-----BEGIN PUBLIC KEY-----\n"
            + "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEk4ffKezjaLaF/gtNHH9GjCNSgh2f\n"
            + "ofYq9aqHMSgYOFB/D0BBwTC+Y6ZYQ+ulswA4K5oge79DwVXclNXClKde5w==\n"
            + "-----END PUBLIC KEY-----\n";

    @Test
    void pkcs1AndSec1PrivateKeysSign() {
        Map<String, byte[]> rsa = signed(bundle(), OPA_PKCS1_PRIVATE_KEY, "RS256", "foo", null);
        BundleVerifier.verify(rsa, new VerificationConfig(Map.of("foo", new VerificationKey(OPA_PUBLIC_KEY, null)),
                null, "", List.of()));
        Map<String, byte[]> ec = signed(bundle(), SEC1_EC_PRIVATE_KEY, "ES256", "ec", null);
        BundleVerifier.verify(ec, new VerificationConfig(Map.of("ec", new VerificationKey(EC_PUBLIC_KEY, "ES256")),
                null, "", List.of()));
    }

    /** Only the signatures file: a check that gets to the file list has verified the JWT and its scope. */
    static Map<String, byte[]> onlySignature(String token) {
        return Map.of("/.signatures.json", bytes("{\"signatures\": [\"" + token + "\"]}"));
    }

    @Test
    void opaSignedTokensVerify() {
        String pastTheSignature = "file db/uam2/entitlements/data.json is listed in the signature but missing from"
                + " the bundle";
        VerificationConfig hs = new VerificationConfig(Map.of("foo", new VerificationKey(SECRET, "HS256")), null,
                "write", List.of());
        assertThatThrownBy(() -> BundleVerifier.verify(onlySignature(OPA_HS256_KID_FOO_SCOPE_WRITE), hs))
                .hasMessage(pastTheSignature);
        VerificationConfig rs = new VerificationConfig(Map.of("foo", new VerificationKey(OPA_PUBLIC_KEY, null)), null,
                "write", List.of());
        assertThatThrownBy(() -> BundleVerifier.verify(onlySignature(OPA_RS256_KID_FOO_SCOPE_WRITE), rs))
                .hasMessage(pastTheSignature);

        VerificationConfig badSecret = new VerificationConfig(Map.of("foo", new VerificationKey("bad_secret",
                "HS256")), null, "write", List.of());
        assertThatThrownBy(() -> BundleVerifier.verify(onlySignature(OPA_HS256_KID_FOO_SCOPE_WRITE), badSecret))
                .hasMessage("signature does not verify with key 'foo'");
        VerificationConfig badScope = new VerificationConfig(Map.of("foo", new VerificationKey(SECRET, "HS256")),
                null, "bad_scope", List.of());
        assertThatThrownBy(() -> BundleVerifier.verify(onlySignature(OPA_HS256_KID_FOO_SCOPE_WRITE), badScope))
                .hasMessage("scope 'write' does not match 'bad_scope'");
    }

    @Test
    void opaManifestDigest() {
        // TestVerifyBundleFile "bad_digest": MD5 of {"revision": "quickbrownfaux"} in canonical form
        assertThat(BundleHash.hex(".manifest", bytes("{\"revision\": \"quickbrownfaux\"}"), "MD5"))
                .isEqualTo("a005c38a509dc2d5a7407b9494efb2ad");
    }

    @Test
    void opaStructuredFileDigests() {
        // TestGenerateSignedToken in OPA v1/bundle/sign_test.go: the digests of its data and manifest files
        assertThat(BundleHash.hex("a/b/c/data.json", bytes("[1,2,3]"), "SHA-512"))
                .isEqualTo("60f7b5dc86ded48785436192a08dbfd04894d7f1b417c4f8d3714679a7f78cb3"
                        + "c833f16a8559a1cf1f32968747dc1d95ef34826263dacf125ded8f5c374be4c0");
        assertThat(BundleHash.hex("a/b/d/data.json", bytes("true"), "MD5"))
                .isEqualTo("b326b5062b2f0e69046810717534cb09");
        assertThat(BundleHash.hex("a/b/y/data.yaml", bytes("foo: 1"), "SHA-512"))
                .isEqualTo("20f27a640a233e6524fe7d138898583cd43475724806feb26be7f214e1d10b29"
                        + "edf6a0d3cb08f82107a45686b61b8fdabab6406cf4e70efe134f42238dbd70ab");
        String data = "{\"x\": {\"y\": true}, \"a\": {\"b\": {\"z\": true}}}";
        assertThat(BundleHash.hex("data.json", bytes(data), "MD5")).isEqualTo("36669864a622563256817033b1fc53db");
    }

    @Test
    void canonicalFormSortsKeysAndKeepsNumberText() {
        String expected = BundleHash.hex("x.rego", bytes("{\"a\":[1,2.50,true,null],\"b\":\"<&>\\n\"}"), "SHA-256");
        assertThat(BundleHash.hex("data.json", bytes("{ \"b\": \"<&>\\n\", \"a\": [1, 2.50, true, null] }"),
                "SHA-256")).isEqualTo(expected);
        assertThat(BundleHash.hex("data.yaml", bytes("b: \"<&>\\n\"\na: [1, 2.5e0, true, null]\n"), "SHA-256"))
                .isEqualTo(BundleHash.hex("x", bytes("{\"a\":[1,2.5,true,null],\"b\":\"<&>\\n\"}"), "SHA-256"));
    }

    /** A YAML file is hashed as the JSON OPA reads from it (sigs.k8s.io/yaml over go-yaml v2, YAML 1.1 scalars). */
    @Test
    void yamlIsHashedAsOpaReadsIt() {
        assertThat(BundleHash.hex("data.yaml", bytes("enabled: yes\nmode: 0644\nbig: 1e21\n"), "SHA-256"))
                .isEqualTo(BundleHash.hex("x", bytes("{\"big\":1e+21,\"enabled\":true,\"mode\":420}"), "SHA-256"));
    }
}
