package org.movierec.ops.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.movierec.ops.Repository;

/**
 * Checks the image configuration (the {@code images} profile of the parent pom, the modules that opt in, and
 * {@code bin/images}) against the services it packages, without building an image: {@code bin/images --smoke}
 * builds and runs them, this test catches in seconds the mistakes that only show there (or only in a cluster):
 * a service that would listen on the container's loopback, a module left out of the images, a root user.
 */
class ImageConfigurationTest {

    /** The services, as named by the shared contracts (Prometheus jobs = module names). */
    private static final List<String> SERVICES =
            List.of("inference-service", "ab-router", "telemetry-collector", "retrain-service", "simulator");
    private static final Path ROOT = Repository.root();
    private static final XPath XPATH = XPathFactory.newInstance().newXPath();

    private static Document parent;
    private static Element jib;

    @BeforeAll
    static void readParentPom() throws Exception {
        parent = pom(ROOT);
        jib = (Element) XPATH.evaluate(
                "/project/profiles/profile[id='images']/build/plugins/plugin[artifactId='jib-maven-plugin']",
                parent, XPathConstants.NODE);
        assertThat(jib).as("jib-maven-plugin in the parent pom's profile 'images'").isNotNull();
    }

    @Test
    void theModulesThatShipAsImagesAreExactlyTheQuarkusServices() throws Exception {
        List<String> images = new ArrayList<>();
        List<String> quarkusApps = new ArrayList<>();
        for (String module : text(parent, "/project/modules/module")) {
            Document pom = pom(ROOT.resolve(module));
            if (text(pom, "/project/properties/image.skip").equals(List.of("false"))) {
                images.add(module);
            }
            if (!text(pom, "/project/build/plugins/plugin[artifactId='quarkus-maven-plugin']//goal[.='build']")
                    .isEmpty()) {
                quarkusApps.add(module);
            }
        }
        assertThat(images).containsExactlyInAnyOrderElementsOf(SERVICES);
        assertThat(quarkusApps).containsExactlyInAnyOrderElementsOf(SERVICES);
        assertThat(text(parent, "/project/properties/image.skip")).as("images are opt-in per module")
                .containsExactly("true");
    }

    @Test
    void everyImageListensOnAllInterfacesOnTheOnePortItExposes() throws Exception {
        Map<String, String> environment = children(jib, "configuration/container/environment");
        assertThat(environment).containsEntry("HTTP_HOST", "0.0.0.0");
        assertThat(environment).doesNotContainKey("QUARKUS_HTTP_PORT");
        assertThat(text(jib, "configuration/container/ports/port")).containsExactly("${image.port}");
        for (String service : SERVICES) {
            Properties properties = new Properties();
            try (Reader in = Files.newBufferedReader(
                    ROOT.resolve(service).resolve("src/main/resources/application.properties"), StandardCharsets.UTF_8)) {
                properties.load(in);
            }
            Document pom = pom(ROOT.resolve(service));
            // The exposed port is the one the service listens on (the Kubernetes Services and probes use it too).
            assertThat(text(pom, "/project/properties/image.port")).as(service + " image.port")
                    .containsExactly(properties.getProperty("quarkus.http.port"));
            // Otherwise the service binds the container's loopback and no probe or peer reaches it.
            assertThat(properties.getProperty("quarkus.http.host")).as(service + " quarkus.http.host")
                    .startsWith("${HTTP_HOST:");
        }
    }

    @Test
    void imagesRunAsANumericNonRootUserWithWritableHomeInTmp() {
        String user = property(text(jib, "configuration/container/user").get(0));
        Matcher m = Pattern.compile("(\\d+):(\\d+)").matcher(user);
        assertThat(m.matches()).as("numeric uid:gid (runAsNonRoot needs a numeric uid), was " + user).isTrue();
        assertThat(Integer.parseInt(m.group(1))).isPositive();
        Map<String, String> environment = children(jib, "configuration/container/environment");
        assertThat(environment.get("HOME")).startsWith("/tmp");
        assertThat(environment.get("MOVIEREC_HOME")).startsWith("/tmp/");
    }

    @Test
    void imagesCarryTheOciLabelsAndContainerSizedJvmFlags() {
        assertThat(children(jib, "configuration/container/labels")).containsKeys(
                "org.opencontainers.image.source", "org.opencontainers.image.revision",
                "org.opencontainers.image.version", "org.opencontainers.image.created");
        assertThat(text(jib, "configuration/container/entrypoint/arg")).contains(
                "-XX:InitialRAMPercentage=75", "-XX:MaxRAMPercentage=75", "-XX:+UseG1GC", "-XX:+ExitOnOutOfMemoryError")
                .endsWith("-jar", "/deployments/quarkus-run.jar");
        assertThat(text(jib, "configuration/extraDirectories/paths/path/from"))
                .containsExactly("${project.build.directory}/quarkus-app");
        assertThat(text(jib, "configuration/extraDirectories/paths/path/into")).containsExactly("/deployments");
    }

    @Test
    void binImagesBuildsAndSmokesEveryImageModule() throws IOException {
        String script = Files.readString(ROOT.resolve("bin/images"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("(?m)^services=\\(([^)]*)\\)").matcher(script);
        assertThat(m.find()).as("a services=(...) line in bin/images").isTrue();
        assertThat(Arrays.asList(m.group(1).trim().split("\\s+"))).containsExactlyInAnyOrderElementsOf(SERVICES);
    }

    /** Resolves a ${property} of the parent pom. */
    private static String property(String value) {
        Matcher m = Pattern.compile("\\$\\{([^}]+)}").matcher(value);
        if (!m.matches()) {
            return value;
        }
        List<String> defined = text(parent, "/project/properties/" + m.group(1));
        assertThat(defined).as("property " + m.group(1)).hasSize(1);
        return defined.get(0);
    }

    private static Document pom(Path dir) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(dir.resolve("pom.xml").toFile());
    }

    private static List<String> text(Node context, String xpath) {
        try {
            NodeList nodes = (NodeList) XPATH.evaluate(xpath, context, XPathConstants.NODESET);
            List<String> values = new ArrayList<>();
            for (int i = 0; i < nodes.getLength(); i++) {
                values.add(nodes.item(i).getTextContent().trim());
            }
            return values;
        } catch (javax.xml.xpath.XPathExpressionException e) {
            throw new IllegalArgumentException(xpath, e);
        }
    }

    private static Map<String, String> children(Node context, String xpath) {
        Map<String, String> values = new LinkedHashMap<>();
        try {
            Node node = (Node) XPATH.evaluate(xpath, context, XPathConstants.NODE);
            assertThat(node).as(xpath).isNotNull();
            for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child instanceof Element e) {
                    values.put(e.getTagName(), e.getTextContent().trim());
                }
            }
        } catch (javax.xml.xpath.XPathExpressionException e) {
            throw new IllegalArgumentException(xpath, e);
        }
        return values;
    }
}
