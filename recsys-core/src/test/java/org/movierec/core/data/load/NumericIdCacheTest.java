package org.movierec.core.data.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.movierec.core.ids.IdIndex;

class NumericIdCacheTest {

    private static int add(NumericIdCache cache, String id) {
        String line = "x\t" + id + "\ty";
        return cache.add(line, 2, 2 + id.length());
    }

    @Test
    void givesTheSameIndicesAsTheIdIndex() {
        IdIndex index = IdIndex.of(List.of("5", "padre+nuestro+2007"));
        NumericIdCache cache = new NumericIdCache(index);

        assertThat(add(cache, "5")).isZero();
        assertThat(add(cache, "5")).isZero();
        assertThat(add(cache, "1193")).isEqualTo(2);
        assertThat(add(cache, "padre+nuestro+2007")).isEqualTo(1);
        assertThat(add(cache, "1193")).isEqualTo(2);
        assertThat(index.ids()).containsExactly("5", "padre+nuestro+2007", "1193");
    }

    @Test
    void keepsNonCanonicalAndLargeNumbersApart() {
        IdIndex index = new IdIndex();
        NumericIdCache cache = new NumericIdCache(index);

        int seven = add(cache, "7");
        int zeroSeven = add(cache, "007");
        int zero = add(cache, "0");
        int big = add(cache, "99999999999");
        int nearBound = add(cache, Integer.toString(NumericIdCache.MAX_CACHED_ID - 1));
        int atBound = add(cache, Integer.toString(NumericIdCache.MAX_CACHED_ID));

        assertThat(List.of(seven, zeroSeven, zero, big, nearBound, atBound)).doesNotHaveDuplicates();
        assertThat(add(cache, "007")).isEqualTo(zeroSeven);
        assertThat(add(cache, "7")).isEqualTo(seven);
        assertThat(add(cache, "0")).isEqualTo(zero);
        assertThat(add(cache, "99999999999")).isEqualTo(big);
        assertThat(add(cache, Integer.toString(NumericIdCache.MAX_CACHED_ID - 1))).isEqualTo(nearBound);
        assertThat(add(cache, Integer.toString(NumericIdCache.MAX_CACHED_ID))).isEqualTo(atBound);
        assertThat(index.size()).isEqualTo(6);
    }
}
