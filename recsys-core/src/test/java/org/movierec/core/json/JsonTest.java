package org.movierec.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void compactKeepsInsertionOrder() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rmse", 0.9123);
        m.put("epochs", 40);
        m.put("ok", true);
        m.put("none", null);
        m.put("nan", Double.NaN);
        m.put("list", List.of("a\"b", 1));
        assertThat(Json.write(m)).isEqualTo("{\"rmse\":0.9123,\"epochs\":40,\"ok\":true,\"none\":null,\"nan\":null,\"list\":[\"a\\\"b\",1]}");
    }

    @Test
    void pythonSortedMatchesJsonDumpsWithSortKeys() {
        // python3 -c 'import json; print(json.dumps([{"relpath": "b", "md5": "x"}, {"é": 1.0}], sort_keys=True))'
        Object value = List.of(Map.of("relpath", "b", "md5", "x"), Map.of("é", 1.0));
        assertThat(Json.pythonSorted(value)).isEqualTo("[{\"md5\": \"x\", \"relpath\": \"b\"}, {\"\\u00e9\": 1.0}]");
    }
}
