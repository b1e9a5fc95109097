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
 * written as {@code null}, as the reports in the run directory have it.
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
            if (Double.isFinite(value)) {
                gen.writeNumber(value);
            } else {
                gen.writeNull();
            }
        }
    }
}
