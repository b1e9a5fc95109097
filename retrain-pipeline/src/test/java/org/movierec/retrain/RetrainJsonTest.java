package org.movierec.retrain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The reports keep the bytes the pipeline wrote before Jackson (the hand-written writer's rules: compact, map
 * order, non-finite doubles as null, whole doubles below 1e15 with ".0", others as Double.toString), and reading
 * stays as strict as the hand-written reader was.
 */
class RetrainJsonTest {

    @Test
    void writesReportsAsBefore() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", "v1");
        m.put("rmse", 0.91);
        m.put("nan", Double.NaN);
        m.put("inf", Double.NEGATIVE_INFINITY);
        m.put("whole", 12_345_678.0);
        m.put("tiny", 1e-5);
        m.put("huge", 1e22);
        m.put("count", 42L);
        m.put("users", 7);
        m.put("passed", true);
        m.put("none", null);
        m.put("list", List.of("a\"b", "é"));
        assertThat(RetrainJson.write(m)).isEqualTo("{\"version\":\"v1\",\"rmse\":0.91,\"nan\":null,\"inf\":null,"
                + "\"whole\":12345678.0,\"tiny\":1.0E-5,\"huge\":1.0E22,\"count\":42,\"users\":7,\"passed\":true,"
                + "\"none\":null,\"list\":[\"a\\\"b\",\"é\"]}");
    }

    @Test
    void readsWholeNumbersAsLongAndFractionsAsDouble() throws IOException {
        Map<String, Object> m = RetrainJson.readObject("{\"a\": 3, \"b\": 9007199254740993, \"c\": 0.5, \"d\": [1]}");
        assertThat(m).containsEntry("a", 3L).containsEntry("b", 9007199254740993L).containsEntry("c", 0.5)
                .containsEntry("d", Arrays.asList(1L));
        assertThat(m.keySet()).containsExactly("a", "b", "c", "d");
    }

    @Test
    void refusesWhatTheStrictReaderRefused() {
        for (String bad : List.of("{\"a\":1,\"a\":2}", "{\"a\":1} x", "[1]", "null", "{'a':1}", "{\"a\":1,}", "")) {
            assertThatThrownBy(() -> RetrainJson.readObject(bad)).as(bad).isInstanceOf(IOException.class);
        }
    }
}
