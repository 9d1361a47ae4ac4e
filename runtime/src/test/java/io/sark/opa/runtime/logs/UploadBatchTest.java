package io.sark.opa.runtime.logs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** Uploads as OPA's encoder cuts them (v1/plugins/logs/encoder.go): gzip JSON arrays within the size limit. */
class UploadBatchTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static byte[] event(int n, int padding) {
        StringBuilder noise = new StringBuilder();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < padding; i++) {
            noise.append((char) ('a' + random.nextInt(26))); // hardly compressible
        }
        return ("{\"decision_id\":\"" + n + "\",\"input\":\"" + noise + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode gunzip(byte[] body) throws Exception {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return MAPPER.readTree(in.readAllBytes());
        }
    }

    @Test
    void everyEventGoesInOrderIntoBodiesWithinTheLimit() throws Exception {
        Deque<byte[]> buffer = new ArrayDeque<>();
        for (int i = 0; i < 500; i++) {
            buffer.add(event(i, 200));
        }
        List<String> ids = new ArrayList<>();
        while (!buffer.isEmpty()) {
            UploadBatch batch = UploadBatch.next(buffer, 4096);
            assertThat(batch.body().length).isLessThanOrEqualTo(4096);
            assertThat(batch.tooLarge()).isZero();
            JsonNode array = gunzip(batch.body());
            assertThat(array.size()).isEqualTo(batch.taken()).isGreaterThan(1);
            array.forEach(e -> ids.add(e.get("decision_id").asText()));
            for (int i = 0; i < batch.taken(); i++) {
                buffer.removeFirst();
            }
        }
        assertThat(ids).hasSize(500).isEqualTo(java.util.stream.IntStream.range(0, 500).mapToObj(String::valueOf).toList());
    }

    @Test
    void anEventLargerThanTheLimitIsTakenButLeftOut() throws Exception {
        Deque<byte[]> buffer = new ArrayDeque<>(List.of(event(0, 10), event(1, 8000), event(2, 10)));
        UploadBatch first = UploadBatch.next(buffer, 1024);
        assertThat(first.taken()).isEqualTo(1);
        buffer.removeFirst();
        UploadBatch second = UploadBatch.next(buffer, 1024);
        assertThat(second.taken()).isEqualTo(2);
        assertThat(second.tooLarge()).isEqualTo(1);
        assertThat(gunzip(second.body()).get(0).get("decision_id").asText()).isEqualTo("2");
    }
}
