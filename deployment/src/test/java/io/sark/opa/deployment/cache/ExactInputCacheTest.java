package io.sark.opa.deployment.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.cache.runtime.CacheManagerImpl;
import io.quarkus.cache.runtime.caffeine.CaffeineCacheImpl;
import io.sark.opa.Decision;
import io.sark.opa.engine.InputAsRead;
import io.sark.opa.engine.InvalidInputException;
import io.sark.opa.runtime.cache.CacheBudget;
import io.sark.opa.runtime.cache.CacheObserver;
import io.sark.opa.runtime.cache.DecisionCache;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The in-process cache's first look-up, by the input's exact bytes before any scan, answers only what the canonical
 * key would: the same policy build, valid input, and a value no caller can change for the next one.
 */
class ExactInputCacheTest {

    private static final String ENTRYPOINT = "authz/allow";

    private final CaffeineCacheImpl quarkusCache = CacheFixtures.unboundedCache(ENTRYPOINT);
    private final DecisionCache decisions = new DecisionCache(
            new CacheManagerImpl(Map.of(DecisionCache.PREFIX + ENTRYPOINT, quarkusCache)),
            CacheFixtures.settings(1_000_000, 4096), new CacheObserver() {}, new CacheBudget(1_000_000));
    /** The inputs the stand-in engine decided, as it got them, and those whose projection was asked for. */
    private final List<String> evaluated = new ArrayList<>();
    private final List<String> projected = new ArrayList<>();
    private String resultSet = "[{\"result\":true}]";

    private Decision decide(String fingerprint, byte[] input, Supplier<byte[]> inputAsRead) {
        return decisions.decision("p", "r", fingerprint, ENTRYPOINT, input, () -> {
            projected.add(new String(input, StandardCharsets.UTF_8));
            return InputAsRead.of(inputAsRead.get());
        }, read -> {
            evaluated.add(new String(read.json(), StandardCharsets.UTF_8));
            return resultSet;
        });
    }

    /** A policy that reads all of input, as a module OPA built: the input reaches the engine as it is. */
    private Decision decide(String input) {
        byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
        return decide("f", bytes, () -> bytes);
    }

    @Test
    void identicalBytesMetTwiceAreAnsweredBeforeTheInputIsRead() {
        for (int i = 0; i < 4; i++) {
            assertThat(decide("{\"user\":\"alice\"}").allowed()).isTrue();
        }
        assertThat(evaluated).hasSize(1);
        // the second call met the canonical entry and kept the bytes; later hits neither scanned nor projected
        assertThat(projected).hasSize(2);
    }

    @Test
    void theBytesAnswerOnlyWhileTheirCanonicalEntryStays() {
        decide("{\"user\":\"alice\"}");
        decide("{\"user\":\"alice\"}"); // kept under its bytes
        // the canonical entry goes (as by expire-after-write or eviction); the canonical key is a record, printed
        // with its fields, the bytes' key is not
        quarkusCache.invalidateIf(key -> key.toString().contains("input=")).await().indefinitely();
        resultSet = "[{\"result\":false}]";
        assertThat(decide("{\"user\":\"alice\"}").allowed()).isFalse();
        assertThat(evaluated).hasSize(2);
    }

    @Test
    void bytesMetOnceAreNotKept() {
        // every request unique in a field the policy never reads, as with a request id: one entry, by meaning
        Supplier<byte[]> user = () -> "{\"user\":\"alice\"}".getBytes(StandardCharsets.UTF_8);
        for (int id = 0; id < 100; id++) {
            decide("f", ("{\"user\":\"alice\",\"id\":" + id + "}").getBytes(StandardCharsets.UTF_8), user);
        }
        assertThat(evaluated).hasSize(1);
        assertThat(quarkusCache.keySet()).hasSize(1);
    }

    @Test
    void inputsOfOneMeaningInOtherBytesShareTheCanonicalEntry() {
        decide("{\"user\":\"alice\",\"n\":1}");
        decide("{ \"n\" : 1, \"user\" : \"\\u0061lice\" }");
        assertThat(evaluated).hasSize(1);
        assertThat(projected).hasSize(2);
        decide("{ \"n\" : 1, \"user\" : \"\\u0061lice\" }"); // met twice: now kept under its own bytes too
        decide("{ \"n\" : 1, \"user\" : \"\\u0061lice\" }");
        assertThat(projected).hasSize(3);
        assertThat(evaluated).hasSize(1);
    }

    @Test
    void inputsThatDifferOnlyWherePolicyNeverReadsShareAnEntry() {
        // the projection keeps input.user only: the second request misses by bytes, then meets the first by meaning
        byte[] first = "{\"user\":\"alice\",\"trace\":1}".getBytes(StandardCharsets.UTF_8);
        byte[] second = "{\"user\":\"alice\",\"trace\":2}".getBytes(StandardCharsets.UTF_8);
        Supplier<byte[]> user = () -> "{\"user\":\"alice\"}".getBytes(StandardCharsets.UTF_8);
        decide("f", first, user);
        decide("f", second, user);
        assertThat(evaluated).containsExactly("{\"user\":\"alice\"}");
    }

    @Test
    void anotherPolicyBuildNeverAnswersFromOldEntries() {
        byte[] input = "{\"user\":\"alice\"}".getBytes(StandardCharsets.UTF_8);
        decide("build-1", input, () -> input);
        resultSet = "[{\"result\":false}]";
        assertThat(decide("build-2", input, () -> input).allowed()).isFalse();
        assertThat(evaluated).hasSize(2);
        assertThat(decisions.decision("p", "r2", "build-2", ENTRYPOINT, input, () -> InputAsRead.of(input), read -> {
            evaluated.add("revision r2");
            return "[]";
        }).isDefined()).isFalse();
        assertThat(evaluated).hasSize(3);
    }

    @Test
    void invalidInputIsNeverCached() {
        // the engine's projection rejects it: nothing is kept, and the next call meets the same error
        byte[] broken = "{\"user\":".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> decide("f", broken, () -> {
                throw new InvalidInputException("input is not valid JSON");
            })).isInstanceOf(InvalidInputException.class);
        }
        // a module OPA built gets the bytes as they are: the engine decides, but the answer is not kept
        decide("{\"user\":\"alice\"} trailing");
        decide("{\"user\":\"alice\"} trailing");
        assertThat(evaluated).hasSize(2);
        assertThat(quarkusCache.keySet()).isEmpty();
    }

    @Test
    void aCallerChangingItsDecisionDoesNotChangeTheNextHit() {
        resultSet = "[{\"result\":{\"roles\":[\"admin\"],\"limits\":{\"rps\":10}}}]";
        // the engine's answer, a hit by meaning, then hits by the exact bytes: each caller changes what it got
        for (int i = 0; i < 3; i++) {
            JsonObject value = (JsonObject) decide("{\"user\":\"alice\"}").value();
            assertThat(value).isEqualTo(new JsonObject("{\"roles\":[\"admin\"],\"limits\":{\"rps\":10}}"));
            value.getJsonArray("roles").add("root");
            value.getJsonObject("limits").put("rps", 1_000_000);
            value.put("extra", true);
        }
        resultSet = "[{\"result\":[1,[2]]}]";
        for (int i = 0; i < 3; i++) {
            JsonArray value = (JsonArray) decide("[0]").value();
            assertThat(value).isEqualTo(new JsonArray("[1,[2]]"));
            value.getJsonArray(1).add(3);
        }
        assertThat(evaluated).hasSize(2);
        assertThat(projected).hasSize(4); // the third call of each was answered by its exact bytes
    }

    @Test
    void aCallerReusingItsInputArrayDoesNotChangeTheEntry() {
        byte[] buffer = "{\"user\":\"alice\"}".getBytes(StandardCharsets.UTF_8);
        decide("f", buffer, () -> buffer.clone());
        decide("f", buffer, () -> buffer.clone()); // met twice: kept under its bytes
        byte[] mallory = "{\"user\":\"malor\"}".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(mallory, 0, buffer, 0, buffer.length); // same length: the caller fills its buffer again
        resultSet = "[{\"result\":false}]";
        assertThat(decide("f", buffer, () -> buffer.clone()).allowed()).isFalse();
        assertThat(decide("{\"user\":\"alice\"}").allowed()).isTrue();
        assertThat(evaluated).hasSize(2);
    }
}
