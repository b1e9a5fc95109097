package org.movierec.retrain.service;

import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** BSON values as plain JSON values: dates as ISO-8601 strings, documents as maps, non-finite numbers as null. */
final class BsonJson {

    private BsonJson() {
    }

    static Object plain(Object v) {
        if (v instanceof Date date) {
            return date.toInstant().toString();
        }
        if (v instanceof Map<?, ?> map) {
            Map<String, Object> m = new LinkedHashMap<>();
            map.forEach((k, x) -> m.put(String.valueOf(k), plain(x)));
            return m;
        }
        if (v instanceof List<?> list) {
            List<Object> l = new ArrayList<>();
            list.forEach(x -> l.add(plain(x)));
            return l;
        }
        if (v instanceof Double d && !Double.isFinite(d)) {
            return null;
        }
        return v;
    }
}
