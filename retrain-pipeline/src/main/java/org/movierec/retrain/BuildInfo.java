package org.movierec.retrain;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The code version baked into the build: the git commit from {@code retrain-git.properties} (written by
 * git-commit-id-maven-plugin; {@code unknown} when the build ran outside a git checkout), the project
 * version, and the Java runtime and library versions, for the lineage.
 */
public final class BuildInfo {

    /** The value of anything that could not be determined. */
    public static final String UNKNOWN = "unknown";

    private static final Properties GIT = load();

    private BuildInfo() {
    }

    /** The full git commit id, or {@code unknown}. */
    public static String commit() {
        return GIT.getProperty("git.commit.id", UNKNOWN);
    }

    /** Whether the working tree had uncommitted changes at build time ({@code unknown} if not known). */
    public static String dirty() {
        return GIT.getProperty("git.dirty", UNKNOWN);
    }

    /** The Maven project version. */
    public static String version() {
        return GIT.getProperty("git.build.version", UNKNOWN);
    }

    /** Everything, for the lineage: commit, dirty, version, java, and library versions. */
    public static Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("commit", commit());
        m.put("dirty", dirty());
        m.put("version", version());
        m.put("java", System.getProperty("java.version", UNKNOWN));
        m.put("javaVendor", System.getProperty("java.vendor", UNKNOWN));
        Map<String, Object> libraries = new LinkedHashMap<>();
        libraries.put("mongodb-driver", implementationVersion(com.mongodb.client.MongoClient.class));
        libraries.put("postgresql-jdbc", implementationVersion(org.postgresql.Driver.class));
        m.put("libraries", libraries);
        return m;
    }

    private static String implementationVersion(Class<?> type) {
        String v = type.getPackage() == null ? null : type.getPackage().getImplementationVersion();
        return v == null ? UNKNOWN : v;
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/retrain-git.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // the defaults say "unknown"
        }
        return p;
    }
}
