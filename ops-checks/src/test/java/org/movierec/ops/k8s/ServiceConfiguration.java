package org.movierec.ops.k8s;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.movierec.ops.Repository;

/**
 * What a service module reads, from its {@code src/main/resources/application.properties}: the environment
 * variables it accepts and its HTTP port.
 *
 * <p>The rule for environment variables: a variable is accepted when it is the environment form (MicroProfile
 * Config: upper case, every character other than a letter or digit replaced by {@code _}) of
 * <ul>
 *   <li>a key of application.properties, with any {@code %profile.} prefix removed ({@code %test.retrain.admin-token}
 *       declares {@code retrain.admin-token}, so {@code RETRAIN_ADMIN_TOKEN}); or</li>
 *   <li>a name referenced in a value as {@code ${NAME}} or {@code ${NAME:default}} ({@code ${DATABASE_URL:...}},
 *       {@code ${kafka.bootstrap.servers:}} gives {@code KAFKA_BOOTSTRAP_SERVERS}).</li>
 * </ul>
 * The project keeps each setting's default in application.properties (house rule), so this covers every setting
 * meant to be overridden. A {@code @ConfigMapping} member with no line in application.properties is not accepted:
 * add the line (with its default) before setting it from a manifest. Quarkus would also accept the environment form
 * of any built-in {@code quarkus.*} key; the manifests set none that the file does not name, and this rule keeps it
 * so.
 */
record ServiceConfiguration(String module, Set<String> environmentVariables, int httpPort, Properties properties) {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^:}]+)");

    /**
     * Reads a module's application.properties.
     *
     * @param module the module directory name (= the Deployment and container name)
     * @return its configuration
     */
    static ServiceConfiguration of(String module) {
        Path file = Repository.root().resolve(module).resolve("src/main/resources/application.properties");
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("no application.properties for module " + module, e);
        }
        Set<String> variables = new TreeSet<>();
        for (String key : properties.stringPropertyNames()) {
            variables.add(environmentForm(key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key));
            Matcher reference = REFERENCE.matcher(properties.getProperty(key));
            while (reference.find()) {
                variables.add(environmentForm(reference.group(1)));
            }
        }
        String port = properties.getProperty("quarkus.http.port");
        if (port == null) {
            throw new IllegalStateException(module + ": no quarkus.http.port in application.properties");
        }
        return new ServiceConfiguration(module, variables, Integer.parseInt(port.trim()), properties);
    }

    /** MicroProfile Config's environment form of a property name. */
    static String environmentForm(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }
}
