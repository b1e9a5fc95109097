package org.movierec.cli;

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
 * The one JSON line a command prints on stdout: compact, keys in the order the report map holds them.
 *
 * <p>Jackson writes a non-finite double as the string {@code "NaN"}, which a reader expecting a number chokes
 * on; JSON has no NaN, so a number that is not finite (a validation RMSE when nothing was held out, a failed
 * trial's RMSE) is written as {@code null}, as this CLI always has; and a whole number below 10^15 in full
 * ({@code 10000000.0}, where Java would write {@code 1.0E7}), as Python's {@code json} writes it and this CLI always
 * has, so outputs compare equal across versions.
 */
final class JsonOutput {

    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new SimpleModule("finite-numbers")
            .addSerializer(Double.class, new FiniteDouble())
            .addSerializer(double.class, new FiniteDouble())
            .addSerializer(double[].class, new FiniteDoubles()));

    private JsonOutput() {
    }

    /** Prints {@code report} as one line of JSON on {@code out}. */
    static void print(PrintWriter out, Object report) {
        try {
            out.println(MAPPER.writeValueAsString(report));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void number(double v, JsonGenerator gen) throws IOException {
        if (!Double.isFinite(v)) {
            gen.writeNull();
        } else if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            gen.writeNumber((long) v + ".0");
        } else {
            gen.writeNumber(v);
        }
    }

    private static final class FiniteDouble extends JsonSerializer<Double> {
        @Override
        public void serialize(Double value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            number(value, gen);
        }
    }

    private static final class FiniteDoubles extends JsonSerializer<double[]> {
        @Override
        public void serialize(double[] values, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeStartArray(values, values.length);
            for (double v : values) {
                number(v, gen);
            }
            gen.writeEndArray();
        }
    }
}
