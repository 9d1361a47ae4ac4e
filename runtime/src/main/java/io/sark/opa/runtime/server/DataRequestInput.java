package io.sark.opa.runtime.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;

/**
 * The {@code input} of a Data API request: the {@code input} member of a POST body, or the {@code input}
 * query parameter of a GET. {@code json} is null when there is none; OPA then warns and evaluates without.
 */
record DataRequestInput(byte[] json) {

    // Numbers stay exact: floats as BigDecimal, integers as BigInteger where they need it
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    static DataRequestInput fromPostBody(Buffer body) {
        if (body == null || body.length() == 0) {
            return new DataRequestInput(null);
        }
        JsonNode request;
        try {
            request = JSON.readTree(body.getBytes());
        } catch (IOException e) {
            throw new BadRequestException("body is not valid JSON" + where(e), e);
        }
        if (request == null || !request.isObject()) {
            throw new BadRequestException("body must be a JSON object such as {\"input\": {...}}");
        }
        JsonNode input = request.get("input");
        return new DataRequestInput(input == null ? null : write(input));
    }

    static DataRequestInput fromQuery(String input) {
        if (input == null) {
            return new DataRequestInput(null);
        }
        try {
            return new DataRequestInput(write(JSON.readTree(input)));
        } catch (IOException e) {
            throw new BadRequestException("query parameter 'input' is not valid JSON" + where(e), e);
        }
    }

    boolean present() {
        return json != null;
    }

    private static byte[] write(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new BadRequestException("input cannot be written as JSON", e);
        }
    }

    // where the parser stopped, not its message: that names parser internals and can quote the input at length
    private static String where(IOException e) {
        return e instanceof JsonProcessingException json && json.getLocation() != null
                ? " (line " + json.getLocation().getLineNr() + ", column " + json.getLocation().getColumnNr() + ")"
                : "";
    }
}
