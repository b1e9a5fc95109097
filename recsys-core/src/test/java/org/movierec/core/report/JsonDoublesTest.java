package org.movierec.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonDoublesTest {

    @Test
    void wholeValuesBelowTenToTheFifteenAreWrittenInFullAndOthersAsDoubleToString() {
        assertThat(JsonDoubles.text(10_000_000.0)).isEqualTo("10000000.0");
        assertThat(JsonDoubles.text(-3.0)).isEqualTo("-3.0");
        assertThat(JsonDoubles.text(1e15)).isEqualTo("1.0E15");
        assertThat(JsonDoubles.text(0.1)).isEqualTo("0.1");
        assertThat(JsonDoubles.text(1.25e-7)).isEqualTo("1.25E-7");
    }

    @Test
    void nonFiniteValuesAreNull() {
        assertThat(JsonDoubles.text(Double.NaN)).isEqualTo("null");
        assertThat(JsonDoubles.text(Double.NEGATIVE_INFINITY)).isEqualTo("null");
    }

    @Test
    void theModuleWritesBoxedValuesAndArraysTheSameWay() throws Exception {
        ObjectMapper mapper = new ObjectMapper().registerModule(JsonDoubles.module());
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("rmse", Double.NaN);
        report.put("seconds", 12_345_678.0);
        report.put("curve", new double[] {0.5, 2.0, Double.POSITIVE_INFINITY});
        assertThat(mapper.writeValueAsString(report))
                .isEqualTo("{\"rmse\":null,\"seconds\":12345678.0,\"curve\":[0.5,2.0,null]}");
    }
}
