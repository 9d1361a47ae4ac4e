package io.sark.opa.benchmarks;

import java.nio.charset.StandardCharsets;

/** Realistic gateway inputs (a request with user, tool, headers and a JSON body) of a chosen size. */
public final class GatewayInputs {

    private GatewayInputs() {}

    /** An input of about {@code bytes} bytes: the body's item list grows until the size is reached. */
    public static byte[] ofSize(int bytes) {
        StringBuilder items = new StringBuilder();
        int i = 0;
        String head = "{\"user\":\"alice\",\"tool\":\"search\",\"action\":\"invoke\",\"tenant\":\"acme\","
                + "\"request\":{\"method\":\"POST\",\"path\":\"/tools/search/invoke\",\"headers\":{\"content-type\":"
                + "\"application/json\",\"x-request-id\":\"3f6c2a1e-8b7d-4e0f-9a51-2c4d6e8f0a1b\"},\"body\":{\"items\":[";
        String tail = "]}},\"sensitivity\":2}";
        while (head.length() + items.length() + tail.length() < bytes) {
            if (i > 0) {
                items.append(',');
            }
            items.append("{\"id\":").append(i).append(",\"name\":\"item-").append(i)
                    .append("\",\"price\":").append(i * 7 % 100).append(".5,\"tags\":[\"a\",\"b\"]}");
            i++;
        }
        return (head + items + tail).getBytes(StandardCharsets.UTF_8);
    }
}
