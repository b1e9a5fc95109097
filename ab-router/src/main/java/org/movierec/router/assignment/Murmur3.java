package org.movierec.router.assignment;

/**
 * MurmurHash3 x86_32 (Austin Appleby, public domain; reference: {@code MurmurHash3_x86_32} in
 * SMHasher's MurmurHash3.cpp): a fast, well-mixed, non-cryptographic 32-bit hash of a byte array.
 *
 * <p>Blocks of 4 bytes are read little-endian; each is mixed as k = rotl(k·c₁, 15)·c₂ with
 * c₁ = 0xcc9e2d51, c₂ = 0x1b873593 and folded in as h = rotl(h ⊕ k, 13)·5 + 0xe6546b64; the 1–3 tail
 * bytes are mixed the same way without the fold; finally h ⊕= length and the avalanche
 * h ⊕= h≫16, h·=0x85ebca6b, h ⊕= h≫13, h·=0xc2b2ae35, h ⊕= h≫16. All arithmetic is mod 2³², which Java's
 * {@code int} gives on every JVM, so the value is the same on every machine and in every language
 * that implements the reference (e.g. Python's {@code mmh3.hash(data, seed, signed=False)}).
 */
public final class Murmur3 {

    private static final int C1 = 0xcc9e2d51;
    private static final int C2 = 0x1b873593;

    private Murmur3() {
    }

    /** The 32-bit hash of {@code data} with {@code seed}; read it unsigned with Integer.toUnsignedLong. */
    public static int hash32(byte[] data, int seed) {
        int h = seed;
        int blocks = data.length / 4;
        for (int i = 0; i < blocks; i++) {
            int j = 4 * i;
            int k = (data[j] & 0xff) | (data[j + 1] & 0xff) << 8 | (data[j + 2] & 0xff) << 16
                    | (data[j + 3] & 0xff) << 24;
            h ^= mixKey(k);
            h = Integer.rotateLeft(h, 13) * 5 + 0xe6546b64;
        }
        int tail = 4 * blocks;
        int k = 0;
        switch (data.length & 3) {
            case 3:
                k ^= (data[tail + 2] & 0xff) << 16;
                // fall through
            case 2:
                k ^= (data[tail + 1] & 0xff) << 8;
                // fall through
            case 1:
                k ^= data[tail] & 0xff;
                h ^= mixKey(k);
                break;
            default:
                break;
        }
        h ^= data.length;
        return finalMix(h);
    }

    private static int mixKey(int k) {
        return Integer.rotateLeft(k * C1, 15) * C2;
    }

    private static int finalMix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
