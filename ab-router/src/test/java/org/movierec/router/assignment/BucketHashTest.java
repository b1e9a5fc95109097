package org.movierec.router.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BucketHashTest {

    /**
     * Pinned buckets: if these change, every running experiment reshuffles its users. Computed by a
     * separate Python implementation of MurmurHash3 (src/test/python/stats_reference.py, itself checked
     * against the published vectors), i.e. {@code murmur3_32(f"{salt}:{user}".encode(), 0) % 10000}.
     */
    @Test
    void pinnedBucketsAreStableAcrossVersionsAndMachines() {
        assertThat(BucketHash.bucket("exp-1", "42")).isEqualTo(2710);
        assertThat(BucketHash.bucket("exp-1", "1")).isEqualTo(9339);
        assertThat(BucketHash.bucket("canary-2025-10", "123456")).isEqualTo(286);
        assertThat(BucketHash.bucket("ü-salt", "7")).isEqualTo(5674);
    }

    @Test
    void bucketIsTheUnsignedHashModTenThousand() {
        // 0xa5053836 = 2768582710 unsigned, whose last four digits are 2710
        assertThat(Murmur3.hash32("exp-1:42".getBytes(StandardCharsets.UTF_8), 0)).isEqualTo(0xa5053836);
        for (int user = 1; user <= 1000; user++) {
            int bucket = BucketHash.bucket("s", Integer.toString(user));
            assertThat(bucket).isBetween(0, BucketHash.BUCKETS - 1);
        }
    }

    @Test
    void saltsMakeExperimentsIndependent() {
        // Users in the lower half of experiment A split evenly in experiment B.
        int bothLow = 0;
        int lowInA = 0;
        for (int user = 1; user <= 20_000; user++) {
            String id = Integer.toString(user);
            if (BucketHash.bucket("A", id) < 5000) {
                lowInA++;
                bothLow += BucketHash.bucket("B", id) < 5000 ? 1 : 0;
            }
        }
        assertThat((double) bothLow / lowInA).isBetween(0.48, 0.52);
    }
}
