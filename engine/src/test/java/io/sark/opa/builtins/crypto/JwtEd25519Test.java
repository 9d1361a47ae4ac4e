package io.sark.opa.builtins.crypto;

import static io.sark.opa.builtins.Calls.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWK;
import io.sark.opa.builtins.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * EdDSA over OKP JWKs (kty OKP, crv Ed25519, base64url x and d): OPA signs with jwx's jwsbb and Go's crypto/ed25519
 * and verifies with ed25519.Verify on the key jwk.Export gives (v1/topdown/tokens.go, builtinJWTVerifyEdDSA and
 * getKeysFromCertOrJWK). The key and signature below are RFC 8037's Appendix A test vector.
 */
class JwtEd25519Test {
    private static final String PRIVATE_JWK = "{\"kty\":\"OKP\",\"crv\":\"Ed25519\","
            + "\"d\":\"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A\",\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}";
    private static final String PUBLIC_JWK = "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}";
    private static final String RFC_8037_TOKEN = "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc"
            + ".hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";

    private static String quoted(String text) {
        return Json.write(Json.text(text));
    }

    @Test
    void ed25519SigningKeyFromJwkGivesTheRfc8037Signature() throws Exception {
        int lastDot = RFC_8037_TOKEN.lastIndexOf('.');
        byte[] input = RFC_8037_TOKEN.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII);
        byte[] signature = JwsAlgorithm.EdDSA.sign(JwtKeys.signingKey(JWK.parse(PRIVATE_JWK)), input);
        assertThat(Base64.getUrlEncoder().withoutPadding().encodeToString(signature))
                .isEqualTo(RFC_8037_TOKEN.substring(lastDot + 1));
    }

    @Test
    void verifyEddsaAcceptsAnOkpJwkAndRejectsAnAlteredToken() {
        assertThat(call("io.jwt.verify_eddsa", quoted(RFC_8037_TOKEN), quoted(PUBLIC_JWK)).booleanValue()).isTrue();
        String altered = RFC_8037_TOKEN.replace(".RXhh", ".RXha");
        assertThat(call("io.jwt.verify_eddsa", quoted(altered), quoted(PUBLIC_JWK)).booleanValue()).isFalse();
    }

    @Test
    void encodeSignRawWithEdDsaIsDeterministicAndVerifies() {
        String header = quoted("{\"alg\":\"EdDSA\",\"typ\":\"JWT\"}");
        String payload = quoted("{\"sub\":\"alice\"}");
        String token = call("io.jwt.encode_sign_raw", header, payload, quoted(PRIVATE_JWK)).textValue();
        assertThat(call("io.jwt.encode_sign_raw", header, payload, quoted(PRIVATE_JWK)).textValue()).isEqualTo(token);
        assertThat(call("io.jwt.verify_eddsa", quoted(token), quoted(PUBLIC_JWK)).booleanValue()).isTrue();
        assertThat(call("io.jwt.decode_verify", quoted(token), "{\"cert\":" + quoted(PUBLIC_JWK) + ",\"time\":0}")
                .get(0).booleanValue()).isTrue();
    }

    @Test
    void encodeSignWithEdDsaSignsTheObjects() {
        String token = call("io.jwt.encode_sign", "{\"alg\":\"EdDSA\"}", "{\"sub\":\"bob\"}",
                "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"d\":\"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A\","
                        + "\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}").textValue();
        assertThat(call("io.jwt.verify_eddsa", quoted(token), quoted(PUBLIC_JWK)).booleanValue()).isTrue();
    }

    @Test
    void signingWithAPublicOnlyOkpKeyIsAnError() {
        assertThatThrownBy(() -> call("io.jwt.encode_sign_raw", quoted("{\"alg\":\"EdDSA\"}"), quoted("{}"), quoted(PUBLIC_JWK)))
                .hasMessageStartingWith("io.jwt.encode_sign_raw: failed to parse a JWK key (set):")
                .hasMessageContaining("private key (d)");
    }
}
