package org.movierec.router.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Published MurmurHash3 x86_32 vectors: Ian Boyd's list (Stack Overflow answer 31929528, "MurmurHash3
 * test vectors", also used by the test suites of Python's mmh3 and others), the "quick brown fox"
 * vectors (Wikipedia, MurmurHash), {@code mmh3.hash("foo", signed=False) == 4138058784} from mmh3's
 * tests, and SMHasher's own verification value 0xB0F57EE3 for MurmurHash3_x86_32.
 */
class Murmur3Test {

    private static int hash(String text, int seed) {
        return Murmur3.hash32(text.getBytes(StandardCharsets.UTF_8), seed);
    }

    @Test
    void publishedVectors() {
        assertThat(hash("", 0)).isEqualTo(0);
        assertThat(hash("", 1)).isEqualTo(0x514E28B7);
        assertThat(hash("", 0xffffffff)).isEqualTo(0x81F16F39);
        assertThat(Murmur3.hash32(new byte[] {0, 0, 0, 0}, 0)).isEqualTo(0x2362F9DE);
        assertThat(hash("aaaa", 0x9747b28c)).isEqualTo(0x5A97808A);
        assertThat(hash("aaa", 0x9747b28c)).isEqualTo(0x283E0130);
        assertThat(hash("aa", 0x9747b28c)).isEqualTo(0x5D211726);
        assertThat(hash("a", 0x9747b28c)).isEqualTo(0x7FA09EA6);
        assertThat(hash("abcd", 0x9747b28c)).isEqualTo(0xF0478627);
        assertThat(hash("abc", 0x9747b28c)).isEqualTo(0xC84A62DD);
        assertThat(hash("ab", 0x9747b28c)).isEqualTo(0x74875592);
        assertThat(hash("Hello, world!", 0x9747b28c)).isEqualTo(0x24884CBA);
        assertThat(hash("ππππππππ", 0x9747b28c)).isEqualTo(0xD58063C1);
        assertThat(hash("a".repeat(256), 0x9747b28c)).isEqualTo(0x37405BDC);
        assertThat(hash("abc", 0)).isEqualTo(0xB3DD93FA);
        assertThat(hash("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 0)).isEqualTo(0xEE925B90);
        assertThat(hash("The quick brown fox jumps over the lazy dog", 0x9747b28c)).isEqualTo(0x2FA826CD);
        assertThat(hash("The quick brown fox jumps over the lazy dog", 0)).isEqualTo(0x2E4FF723);
        assertThat(Integer.toUnsignedLong(hash("foo", 0))).isEqualTo(4138058784L);
    }

    /**
     * SMHasher's VerificationTest: hash the keys {}, {0}, {0, 1}, …, {0, …, 254} with seeds 256, 255, …, 1,
     * concatenate the 256 hashes little-endian, and hash that with seed 0.
     */
    @Test
    void smhasherVerificationValue() {
        byte[] key = new byte[256];
        byte[] hashes = new byte[256 * 4];
        for (int i = 0; i < 256; i++) {
            key[i] = (byte) i;
            byte[] prefix = Arrays.copyOf(key, i);
            int h = Murmur3.hash32(prefix, 256 - i);
            for (int b = 0; b < 4; b++) {
                hashes[4 * i + b] = (byte) (h >>> (8 * b));
            }
        }
        assertThat(Murmur3.hash32(hashes, 0)).isEqualTo(0xB0F57EE3);
    }
}
