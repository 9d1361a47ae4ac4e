package io.sark.opa.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dylibso.chicory.wasm.Parser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sark.opa.engine.InvalidInputException;
import io.sark.opa.engine.OpaPolicy;
import io.sark.opa.engine.PolicySourceCompiler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Input handed over as Java objects: the parts an entrypoint reads, written from the objects, are byte for byte what
 * projecting the whole JSON text gives ({@link OpaPolicy#inputAsRead}), for maps, lists, Vert.x and Jackson JSON, over
 * entrypoints that read a few keys, subtrees whole, or all of input; and input the text path refuses is refused with
 * the same message, whatever part of it is read.
 */
class ObjectInputTest {

    private static final String REGO = """
            package objects

            import rego.v1

            # METADATA
            # entrypoint: true
            allow if {
                input.user.role == "admin"
                input.resource.tenant == input.user.tenant
            }

            # METADATA
            # entrypoint: true
            roles contains r if {
                some r in input.roles
            }

            # METADATA
            # entrypoint: true
            meta := input.meta

            # METADATA
            # entrypoint: true
            everything := input
            """;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final InputEncoder encoder = new InputEncoder(MAPPER);

    private static OpaPolicy policy(int maxInputBytes) {
        PolicySourceCompiler compiler = PolicySourceCompiler.find().orElseThrow();
        byte[] wasm = compiler.toWasm("objects", Map.of("objects.rego", REGO.getBytes(StandardCharsets.UTF_8)));
        return OpaPolicy.builder("objects", Parser.parse(wasm)).withMaxInputBytes(maxInputBytes).build();
    }

    private static final OpaPolicy POLICY = policy(OpaPolicy.DEFAULT_MAX_INPUT_BYTES);

    /** Asserts the objects' projection equals the text's for every entrypoint; how many came from the objects. */
    private int sameAsText(OpaPolicy policy, Object input) {
        int fromObjects = 0;
        for (String entrypoint : policy.entrypoints().keySet()) {
            assertThat(read(() -> encoder.input(input).readBy(policy, entrypoint).json())).as("%s of %s", entrypoint, input)
                    .isEqualTo(read(() -> policy.inputAsRead(entrypoint, encoder.encode(input)).json()));
            fromObjects += encoder.project(policy, entrypoint, input) != null ? 1 : 0;
        }
        return fromObjects;
    }

    /** The text read, or why there is none. */
    private static String read(Supplier<byte[]> read) {
        try {
            byte[] text = read.get();
            return text == null ? "no input" : new String(text, StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    private static Map<String, Object> request() {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("name", "alice \"a\" \u00e9\u4e2d \ud83d\ude00 \n\t\u0001 /");
        user.put("role", "admin");
        user.put("tenant", "acme");
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("unread", List.of(1.5, 1e300, -0.0, 3.4028235e38f, Long.MIN_VALUE, (short) 7, (byte) -3));
        request.put("user", user);
        request.put("resource", Map.of("tenant", "acme"));
        request.put("roles", List.of("admin", Map.of("k", new BigDecimal("1.50E+3")), new BigInteger("123456789012345678901234567890")));
        request.put("meta", new LinkedHashMap<>(Map.of("a", List.of(), "b", Map.of())));
        request.put("nothing", null);
        request.put("big", new BigDecimal("0.000000120"));
        return request;
    }

    @Test
    void mapsListsAndJsonContainersProjectAsTheirText() {
        Map<String, Object> request = request();
        int entrypoints = POLICY.entrypoints().size();
        // every entrypoint but the one reading all of input is answered from the objects
        assertThat(sameAsText(POLICY, request)).isEqualTo(entrypoints - 1);
        assertThat(sameAsText(POLICY, new JsonObject(request))).isEqualTo(entrypoints - 1);
        assertThat(sameAsText(POLICY, MAPPER.valueToTree(request))).isEqualTo(entrypoints - 1);
        assertThat(sameAsText(POLICY, List.of(request, 1))).isEqualTo(entrypoints - 1);
        assertThat(sameAsText(POLICY, new JsonArray().add(new JsonObject(request)))).isEqualTo(entrypoints - 1);
        // parts read that are not objects keep their kind
        assertThat(sameAsText(POLICY, Map.of("user", "admin", "resource", List.of(1), "roles", 3))).isEqualTo(entrypoints - 1);
        assertThat(sameAsText(POLICY, Map.of())).isEqualTo(entrypoints - 1);
    }

    @Test
    void randomObjectsProjectAsTheirText() {
        Random random = new Random(18);
        int fromObjects = 0;
        for (int i = 0; i < 300; i++) {
            Object input = randomValue(random, 0);
            fromObjects += sameAsText(POLICY, input) + sameAsText(POLICY, MAPPER.valueToTree(input));
        }
        // all but the inputs that are no input (null: each entrypoint reads it as the text path does)
        assertThat(fromObjects).isGreaterThan(2 * 300 * (POLICY.entrypoints().size() - 1) * 9 / 10);
    }

    private static final String[] KEYS = { "user", "role", "tenant", "resource", "roles", "meta", "x", "" };

    private static Object randomValue(Random random, int depth) {
        int kind = random.nextInt(depth > 4 ? 6 : 9);
        switch (kind) {
            case 0: return null;
            case 1: return random.nextBoolean();
            case 2: return random.nextInt();
            case 3: return random.nextDouble() * Math.pow(10, random.nextInt(40) - 20);
            case 4: return new BigDecimal(BigInteger.valueOf(random.nextLong()), random.nextInt(30) - 15);
            case 5: return KEYS[random.nextInt(KEYS.length)] + (char) random.nextInt(0x3000) + "\ud83d\ude00\"\\";
            case 6: case 7: {
                Map<String, Object> map = new LinkedHashMap<>();
                for (int n = random.nextInt(5); n > 0; n--) {
                    map.put(KEYS[random.nextInt(KEYS.length)], randomValue(random, depth + 1));
                }
                return map;
            }
            default: {
                List<Object> list = new ArrayList<>();
                for (int n = random.nextInt(4); n > 0; n--) {
                    list.add(randomValue(random, depth + 1));
                }
                return list;
            }
        }
    }

    @Test
    void whatJsonCannotCarryIsWrittenWholeAsBefore() {
        // each beside the parts read: a projection of the objects would have left it out
        Map<String, Object> deep = new LinkedHashMap<>();
        Map<String, Object> inner = deep;
        for (int i = 0; i < 300; i++) {
            Map<String, Object> next = new LinkedHashMap<>();
            inner.put("d", next);
            inner = next;
        }
        Map<Object, Object> intKeys = new LinkedHashMap<>(Map.of(1, "one"));
        for (Object odd : new Object[] { deep, Double.NaN, Float.POSITIVE_INFINITY, intKeys, Instant.EPOCH,
                new StringBuilder("sb"), new BigDecimal("1e1234567"), "lone \ud800 surrogate",
                Map.of("\ud83d\ude00", 1), Map.of("k".repeat(50_001), 1) }) {
            Map<String, Object> input = new LinkedHashMap<>(request());
            input.put("odd", odd);
            if (odd instanceof Map<?, ?> || odd instanceof String) {
                input.put("user", Map.of("role", odd)); // read, too
            }
            sameAsText(POLICY, input);
            assertSameOutcome(POLICY, "objects/allow", input);
        }
    }

    @Test
    void nestingIsCountedAsInTheText() {
        // input itself is depth 1: 255 maps below "deep" reach the host's limit of 256, one more passes it
        for (int below : new int[] { 255, 256 }) {
            Map<String, Object> input = new LinkedHashMap<>(request());
            Map<String, Object> inner = input;
            for (int i = 0; i < below; i++) {
                Map<String, Object> next = new LinkedHashMap<>();
                inner.put("deep", next);
                inner = next;
            }
            assertThat(encoder.project(POLICY, "objects/allow", input) != null).as("%d deep", below + 1)
                    .isEqualTo(below == 255);
            sameAsText(POLICY, input);
            assertSameOutcome(POLICY, "objects/allow", input);
        }
    }

    @Test
    void inputThatMayPassTheSizeLimitIsWrittenWholeAndMeasured() {
        // the objects' bound counts 6 bytes per char (an escape each at worst): unsure, the whole text is measured
        OpaPolicy small = policy(300);
        Map<String, Object> input = new LinkedHashMap<>(request());
        input.put("padding", "p".repeat(400));
        assertThat(encoder.project(small, "objects/allow", input)).isNull();
        assertSameOutcome(small, "objects/allow", input);
        assertThatThrownBy(() -> small.newInstance().evaluateAsRead("objects/allow",
                encoder.input(input).readBy(small, "objects/allow"), TIMEOUT))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("more than the limit of 300");
        Map<String, Object> fits = Map.of("user", Map.of("role", "admin", "tenant", "t"), "resource", Map.of("tenant", "t"));
        assertThat(encoder.project(small, "objects/allow", fits)).isNotNull();
        assertSameOutcome(small, "objects/allow", fits);
    }

    @Test
    void aMapperThatWritesMapsItsOwnWayHasThemWrittenWhole() {
        InputEncoder sorted = new InputEncoder(new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS));
        assertThat(sorted.project(POLICY, "objects/allow", request())).isNull();
        byte[] read = sorted.input(request()).readBy(POLICY, "objects/allow").json();
        assertThat(read).isEqualTo(POLICY.inputAsRead("objects/allow", sorted.encode(request())).json());
    }

    /**
     * The decision, or the failure's message, is the same from the objects as from the parts read of their whole text
     * (each evaluated as checked already when the host checked it) and from all of that text, scanned by the instance.
     */
    private void assertSameOutcome(OpaPolicy policy, String entrypoint, Object input) {
        String fromText = outcome(() -> policy.newInstance().evaluate(entrypoint, encoder.encode(input), TIMEOUT));
        assertThat(outcome(() -> policy.newInstance().evaluateAsRead(entrypoint,
                encoder.input(input).readBy(policy, entrypoint), TIMEOUT))).isEqualTo(fromText);
        assertThat(outcome(() -> policy.newInstance().evaluateAsRead(entrypoint,
                policy.inputAsRead(entrypoint, encoder.encode(input)), TIMEOUT))).isEqualTo(fromText);
    }

    private static String outcome(Supplier<String> evaluation) {
        try {
            return evaluation.get();
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }
}
