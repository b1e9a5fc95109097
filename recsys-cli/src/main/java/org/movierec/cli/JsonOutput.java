package org.movierec.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.movierec.core.report.JsonDoubles;

/**
 * The one JSON line a command prints on stdout: compact, keys in the order the report map holds them, doubles as
 * {@link JsonDoubles} spells them (a non-finite RMSE as {@code null}, {@code 10000000.0} in full), as this CLI always
 * has, so outputs compare equal across versions.
 */
final class JsonOutput {

    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(JsonDoubles.module());

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
}
