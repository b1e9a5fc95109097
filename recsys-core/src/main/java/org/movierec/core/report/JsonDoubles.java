package org.movierec.core.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;

/**
 * How every JSON the platform writes spells a double: the CLIs' reports, the retraining pipeline's reports and the
 * {@code recsys.served} events, so outputs compare equal across versions and with Python's {@code json}.
 * <ul>
 *   <li>a non-finite value (an RMSE over no ratings) is {@code null}: JSON has no NaN, and Jackson would write the
 *       string {@code "NaN"};</li>
 *   <li>a whole value below 10^15 is written in full, {@code 10000000.0}, where {@link Double#toString} (and
 *       Jackson) switch to {@code 1.0E7} from 10^7 on;</li>
 *   <li>anything else as {@link Double#toString} writes it (the shortest text that reads back exactly).</li>
 * </ul>
 */
public final class JsonDoubles {

    private static final double WHOLE_IN_FULL_BELOW = 1e15;

    private JsonDoubles() {
    }

    /** The JSON text of {@code value} (see the class comment). */
    public static String text(double value) {
        if (!Double.isFinite(value)) {
            return "null";
        }
        if (value == Math.rint(value) && Math.abs(value) < WHOLE_IN_FULL_BELOW) {
            return (long) value + ".0";
        }
        return Double.toString(value);
    }

    /** A Jackson module writing {@code Double}, {@code double} and {@code double[]} values this way. */
    public static SimpleModule module() {
        return new SimpleModule("json-doubles")
                .addSerializer(Double.class, new BoxedSerializer())
                .addSerializer(double.class, new BoxedSerializer())
                .addSerializer(double[].class, new ArraySerializer());
    }

    private static void write(double value, JsonGenerator json) throws IOException {
        if (Double.isFinite(value)) {
            json.writeNumber(text(value));
        } else {
            json.writeNull();
        }
    }

    private static final class BoxedSerializer extends StdSerializer<Double> {
        BoxedSerializer() {
            super(Double.class);
        }

        @Override
        public void serialize(Double value, JsonGenerator json, SerializerProvider provider) throws IOException {
            write(value, json);
        }
    }

    private static final class ArraySerializer extends StdSerializer<double[]> {
        ArraySerializer() {
            super(double[].class);
        }

        @Override
        public void serialize(double[] values, JsonGenerator json, SerializerProvider provider) throws IOException {
            json.writeStartArray(values, values.length);
            for (double v : values) {
                write(v, json);
            }
            json.writeEndArray();
        }
    }
}
