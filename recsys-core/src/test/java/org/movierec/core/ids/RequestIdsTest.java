package org.movierec.core.ids;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RequestIdsTest {

    @Test
    void idsAreVersion4RfcVariantUuids() {
        for (int i = 0; i < 1000; i++) {
            UUID id = UUID.fromString(RequestIds.newId());
            assertThat(id.version()).isEqualTo(4);
            assertThat(id.variant()).isEqualTo(2);
        }
    }

    @Test
    void idsDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            assertThat(seen.add(RequestIds.newId())).isTrue();
        }
    }

    @Test
    void aShortTokenIsKeptAnythingElseReplaced() {
        assertThat(RequestIds.orNew("req-42.a_B")).isEqualTo("req-42.a_B");
        assertThat(RequestIds.orNew("x".repeat(RequestIds.MAX_LENGTH))).hasSize(RequestIds.MAX_LENGTH);
        for (String bad : new String[] {null, "", "x".repeat(RequestIds.MAX_LENGTH + 1), "a b", "a\u0007", "<script>"}) {
            String id = RequestIds.orNew(bad);
            assertThat(id).isNotEqualTo(bad);
            assertThat(UUID.fromString(id).version()).isEqualTo(4);
        }
    }
}
