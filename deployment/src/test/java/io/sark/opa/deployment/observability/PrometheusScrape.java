package io.sark.opa.deployment.observability;

import static io.restassured.RestAssured.get;

import java.util.List;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One read of /q/metrics in Prometheus' text format, and the samples in it. */
public final class PrometheusScrape {

    private final String text;

    private PrometheusScrape(String text) {
        this.text = text;
    }

    public static PrometheusScrape now() {
        return new PrometheusScrape(get("/q/metrics").then().statusCode(200).extract().asString());
    }

    /**
     * The value of the sample of {@code name} that has every one of {@code labels} ({@code key="value"});
     * empty when there is none. Fails when more than one has them, since the question was then too loose.
     */
    public OptionalDouble value(String name, String... labels) {
        Matcher sample = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$").matcher(text);
        OptionalDouble found = OptionalDouble.empty();
        while (sample.find()) {
            if (List.of(sample.group(1).split(",")).containsAll(List.of(labels))) {
                if (found.isPresent()) {
                    throw new AssertionError("more than one sample of " + name + " with " + List.of(labels) + " in:\n" + text);
                }
                found = OptionalDouble.of(Double.parseDouble(sample.group(2)));
            }
        }
        return found;
    }

    @Override
    public String toString() {
        return text;
    }
}
