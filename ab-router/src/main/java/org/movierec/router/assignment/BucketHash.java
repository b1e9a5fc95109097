package org.movierec.router.assignment;

import java.nio.charset.StandardCharsets;

/**
 * The bucket of a user in an experiment: a deterministic hash of the experiment's salt and the user
 * id into {@value #BUCKETS} buckets,
 * <pre>
 *   bucket = murmur3_x86_32(UTF-8 bytes of (salt + ":" + userId), seed 0) read unsigned, mod 10000
 * </pre>
 * ({@link Murmur3}). It depends on nothing but those bytes, so a user keeps the bucket across
 * restarts, replicas and JVMs, and a data scientist can recompute it, e.g. in Python
 * {@code mmh3.hash(f"{salt}:{user_id}", 0, signed=False) % 10000}. A fresh salt per experiment makes
 * the buckets of different experiments independent, so one experiment's split does not leak into
 * another's.
 *
 * <p>The user id must be given in its canonical form ({@link org.movierec.core.ids.UserIds}: decimal,
 * no sign, no leading zeros); "42" and "042" would land in different buckets.
 *
 * <p>Taking a 32-bit value mod 10 000 favours the first 7 296 buckets by one part in 429 496
 * (2³² = 429 496 × 10 000 + 7 296), far below any sampling noise.
 */
public final class BucketHash {

    /** The number of buckets; one percent of traffic is 100 buckets. */
    public static final int BUCKETS = 10_000;

    private BucketHash() {
    }

    /** The bucket, in [0, {@value #BUCKETS}), of {@code userId} in the experiment with {@code salt}. */
    public static int bucket(String salt, String userId) {
        byte[] key = (salt + ":" + userId).getBytes(StandardCharsets.UTF_8);
        return (int) (Integer.toUnsignedLong(Murmur3.hash32(key, 0)) % BUCKETS);
    }
}
