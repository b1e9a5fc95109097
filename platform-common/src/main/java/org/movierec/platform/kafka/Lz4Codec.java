package org.movierec.platform.kafka;

import net.jpountz.lz4.LZ4Factory;
import net.jpountz.util.Native;
import org.jboss.logging.Logger;

/**
 * Makes the LZ4 codec of the platform's Kafka clients ({@code compression.type=lz4}, {@link ProducerSettings}) the
 * native one inside Quarkus applications.
 *
 * <p>Kafka's LZ4 streams take their codec once from lz4-java's {@code LZ4Factory.fastestInstance()}, which picks
 * the JNI codec only when it is already loaded or when lz4-java was loaded by the system class loader. In a Quarkus
 * fast-jar it is loaded by Quarkus's own class loader, so every record was compressed and decompressed by the pure
 * Java codec: a seventh of the collector's consumer threads' time in {@code bench/telemetry.sh} (JFR,
 * docs/BENCHMARKS.md). Loading the native instance first, before any Kafka client exists, makes Kafka's choice the
 * native codec. Where it cannot be loaded (a platform lz4-java has no library for, no writable temporary
 * directory), the Java codec stays: the same bytes, more CPU.
 */
public final class Lz4Codec {

    private static final Logger LOG = Logger.getLogger(Lz4Codec.class);

    private static boolean tried;

    private Lz4Codec() {
    }

    /**
     * Loads the native codec if it can be (the first call tries, and logs which codec Kafka will use); call before
     * creating a Kafka client. Never throws.
     */
    public static synchronized void preferNative() {
        if (tried) {
            return;
        }
        tried = true;
        try {
            LZ4Factory.nativeInstance();
            LOG.info("Kafka's LZ4 codec: native (lz4-java JNI)");
        } catch (Throwable e) { // UnsatisfiedLinkError, or a platform without a bundled library
            LOG.infof("Kafka's LZ4 codec: Java, the native one cannot be loaded here: %s", e);
        }
    }

    /** Whether the native codec is loaded, so that Kafka's LZ4 streams created from now on use it. */
    public static boolean isNative() {
        return Native.isLoaded();
    }
}
