package io.sark.opa.engine;

import static io.sark.opa.engine.DemoPolicyTest.ENTRYPOINT;
import static io.sark.opa.engine.DemoPolicyTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import com.dylibso.chicory.runtime.Memory;
import org.junit.jupiter.api.Test;

/**
 * Instances of one policy share one parsed copy of its data (issue #18 item 3): what one instance writes, to its
 * heap or over the shared data itself, never shows in another, and new data makes a new image for new instances.
 */
class SharedDataImageTest {

    private static final byte[] ALICE = bytes("{\"user\": \"alice\"}");
    private static final String ALLOWED = "[{\"result\":true}]";
    private static final String DENIED = "[{\"result\":false}]";

    /** A role document of about {@code users} * 30 bytes: alice is the admin, everybody else a user. */
    private static byte[] roles(int users) {
        StringBuilder json = new StringBuilder("{\"role\":{\"alice\":\"admin\"");
        for (int i = 0; i < users; i++) {
            json.append(",\"user").append(i).append("\":\"user\"");
        }
        return bytes(json.append("}}").toString());
    }

    private static OpaPolicy demo(byte[] data, boolean shared) {
        return OpaPolicy.builder("demo", DemoPolicyTest.demoModule()).withData(data).withSharedData(shared).build();
    }

    @Test
    void instancesHoldOnlyThePagesTheyWrite() {
        OpaPolicy policy = demo(roles(20_000), true);
        OpaInstance first = policy.newInstance();
        OpaInstance second = policy.newInstance();
        int imagePages = (int) (policy.sharedDataBytes() / Memory.PAGE_SIZE);
        assertThat(imagePages).isGreaterThan(10); // 600 KB of JSON parse to several pages
        for (OpaInstance instance : new OpaInstance[] {first, second}) {
            assertThat(instance.evaluate(ENTRYPOINT, ALICE, null)).isEqualTo(ALLOWED);
            assertThat(instance.evaluate(ENTRYPOINT, bytes("{\"user\": \"user7\"}"), null)).isEqualTo(DENIED);
            assertThat(instance.ownMemoryPages()).isLessThan(imagePages / 2);
        }
    }

    @Test
    void aWriteOverTheSharedDataInOneInstanceDoesNotShowInAnother() {
        OpaPolicy policy = demo(roles(1_000), true);
        OpaInstance vandal = policy.newInstance();
        OpaInstance bystander = policy.newInstance();
        Memory memory = vandal.memory();
        int end = memory.pages() * Memory.PAGE_SIZE;
        byte[] before = bystander.memory().readBytes(0, end);
        memory.fill((byte) 0x5a, 1024, end); // everything the module wrote: its statics, stack and the parsed data
        assertThat(memory.readInt(end / 2)).isEqualTo(0x5a5a5a5a);

        assertThat(bystander.memory().readBytes(0, end)).isEqualTo(before);
        assertThat(bystander.evaluate(ENTRYPOINT, ALICE, null)).isEqualTo(ALLOWED);
        assertThat(policy.newInstance().evaluate(ENTRYPOINT, ALICE, null)).isEqualTo(ALLOWED);
    }

    @Test
    void anInstanceThatBuildsLargeValuesLeavesTheOthersAsTheyWere() {
        OpaPolicy policy = demo(roles(1_000), true);
        OpaInstance busy = policy.newInstance();
        OpaInstance idle = policy.newInstance();
        int idlePages = idle.memoryPages();
        String big = "{\"user\": \"alice\", \"padding\": [" + "\"xxxxxxxxxxxxxxxx\",".repeat(20_000) + "0]}";
        for (int i = 0; i < 3; i++) {
            assertThat(busy.evaluate(ENTRYPOINT, bytes(big), null)).isEqualTo(ALLOWED);
        }
        assertThat(busy.memoryPages()).isGreaterThan(idlePages);
        assertThat(idle.memoryPages()).isEqualTo(idlePages);
        assertThat(idle.evaluate(ENTRYPOINT, ALICE, null)).isEqualTo(ALLOWED);
        assertThat(idle.evaluate(ENTRYPOINT, bytes("{\"user\": \"user1\"}"), null)).isEqualTo(DENIED);
    }

    @Test
    void newDataMakesANewImageForNewInstancesOnly() {
        OpaPolicy before = demo(bytes("{\"role\": {\"alice\": \"admin\"}}"), true);
        OpaInstance old = before.newInstance();
        OpaPolicy after = before.withData(bytes("{\"role\": {\"alice\": \"user\", \"bob\": \"admin\"}}"));
        assertThat(after.sharesData()).isTrue();
        OpaInstance fresh = after.newInstance();
        assertThat(fresh.evaluate(ENTRYPOINT, ALICE, null)).isEqualTo(DENIED);
        assertThat(fresh.evaluate(ENTRYPOINT, bytes("{\"user\": \"bob\"}"), null)).isEqualTo(ALLOWED);
        assertThat(old.evaluate(ENTRYPOINT, ALICE, null)).isEqualTo(ALLOWED);
        assertThat(before.newInstance().evaluate(ENTRYPOINT, ALICE, null)).isEqualTo(ALLOWED);
    }

    @Test
    void withoutSharingEachInstanceParsesItsOwnCopyAndDecidesTheSame() {
        OpaPolicy policy = demo(roles(1_000), false);
        assertThat(policy.sharesData()).isFalse();
        assertThat(policy.sharedDataBytes()).isZero();
        OpaInstance instance = policy.newInstance();
        OpaInstance other = policy.newInstance();
        assertThat(other.memory().readBytes(0, Memory.PAGE_SIZE)).isEqualTo(instance.memory().readBytes(0, Memory.PAGE_SIZE));
        instance.memory().fill((byte) 0x5a, 1024, Memory.PAGE_SIZE); // over the module's statics
        assertThat(other.memory().read(2048)).isNotEqualTo((byte) 0x5a);
        assertThat(other.ownMemoryPages()).isPositive(); // the data it parsed is its own
        assertThat(other.evaluate(ENTRYPOINT, ALICE, null)).isEqualTo(ALLOWED);
        assertThat(policy.withData(bytes("{\"role\": {}}")).newInstance().evaluate(ENTRYPOINT, ALICE, null))
                .isEqualTo(DENIED);
    }
}
