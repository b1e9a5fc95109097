package org.movierec.retrain.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * The JSON line a command prints on stdout: compact, keys in the order the result map holds them. JSON has no NaN
 * (Jackson would write the string {@code "NaN"}), so a non-finite number, such as a metric of an empty group, is
 * written as {@code null}, as the reports in the run directory have it; a whole number below 10^15 is written in full
 * ({@code 10000000.0}, not Java's {@code 1.0E7}), as Python's {@code json} and the earlier writer did.
 */
final class JsonOutput {

    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new SimpleModule("finite-numbers")
            .addSerializer(Double.class, new FiniteDouble())
            .addSerializer(double.class, new FiniteDouble()));

    private JsonOutput() {
    }

    /** Prints {@code result} as one line of JSON on {@code out}. */
    static void print(PrintWriter out, Object result) {
        try {
            out.println(MAPPER.writeValueAsString(result));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class FiniteDouble extends JsonSerializer<Double> {
        @Override
        public void serialize(Double value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            double v = value;
            if (!Double.isFinite(v)) {
                gen.writeNull();
            } else if (v == Math.rint(v) && Math.abs(v) < 1e15) {
                gen.writeNumber((long) v + ".0");
            } else {
                gen.writeNumber(v);
            }
        }
    }
}
