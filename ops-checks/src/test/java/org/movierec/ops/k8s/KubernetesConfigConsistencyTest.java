package org.movierec.ops.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.movierec.ops.Repository;

/**
 * The manifests agree with the services they run: every environment variable a Deployment sets (its env and the
 * ConfigMaps it loads) is a setting the service reads ({@link ServiceConfiguration} states the rule), every probe
 * path is a SmallRye Health endpoint the service serves, every container port is the service's
 * {@code quarkus.http.port}, every Service reaches it, and every in-cluster address a ConfigMap names is a Service
 * (or operator-made endpoint) of the same render.
 */
class KubernetesConfigConsistencyTest {

    /** SmallRye Health's endpoints under Quarkus' defaults (non-application root /q, health root health). */
    private static final Map<String, String> PROBE_PATHS = Map.of(
            "startupProbe", "/q/health/started",
            "readinessProbe", "/q/health/ready",
            "livenessProbe", "/q/health/live");

    /** http(s)://host:port or jdbc:postgresql://host:port, host without a dot: an address inside the namespace. */
    private static final Pattern IN_CLUSTER_ADDRESS = Pattern.compile("(?:https?|jdbc:postgresql)://([a-z0-9-]+):(\\d+)");

    static Stream<Path> renderedDirectories() {
        return Kustomize.renderedDirectories().stream();
    }

    static Stream<Path> overlays() {
        return Kustomize.overlays().stream();
    }

    @ParameterizedTest
    @MethodSource("renderedDirectories")
    void everyEnvironmentVariableIsASettingOfTheService(Path dir) {
        List<Manifest> objects = Manifest.of(Kustomize.render(dir));
        List<String> problems = new ArrayList<>();
        for (Manifest deployment : ofKind(objects, "Deployment")) {
            for (Map<String, Object> container : deployment.list("spec", "template", "spec", "containers")) {
                ServiceConfiguration service = ServiceConfiguration.of((String) container.get("name"));
                for (String variable : environmentVariables(container, objects)) {
                    if (!service.environmentVariables().contains(variable)) {
                        problems.add(deployment.id() + " sets " + variable + ", which " + service.module()
                                + " does not read");
                    }
                }
            }
        }
        assertThat(problems).as("in %s", dir).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("renderedDirectories")
    void probesUseTheServicesHealthEndpointsOnItsPort(Path dir) throws IOException {
        for (Manifest deployment : ofKind(Manifest.of(Kustomize.render(dir)), "Deployment")) {
            for (Map<String, Object> container : deployment.list("spec", "template", "spec", "containers")) {
                String module = (String) container.get("name");
                ServiceConfiguration service = ServiceConfiguration.of(module);
                assertThat(Files.readString(Repository.root().resolve(module).resolve("pom.xml")))
                        .as("%s serves /q/health", module).contains("<artifactId>quarkus-smallrye-health</artifactId>");
                assertThat(service.properties().stringPropertyNames())
                        .as("%s keeps the default health and root paths", module)
                        .noneMatch(key -> key.contains("smallrye-health") && key.endsWith("path"))
                        .doesNotContain("quarkus.http.root-path", "quarkus.http.non-application-root-path");

                List<Map<String, Object>> ports = Manifest.listAt(container, "ports");
                assertThat(ports).as("%s ports", deployment.id()).extracting(port -> port.get("containerPort"))
                        .containsExactly(service.httpPort());
                assertThat(ports).extracting(port -> port.get("name")).containsExactly("http");
                PROBE_PATHS.forEach((probe, path) -> {
                    assertThat(Manifest.at(container, probe, "httpGet", "path")).as("%s %s", deployment.id(), probe)
                            .isEqualTo(path);
                    assertThat(Manifest.at(container, probe, "httpGet", "port")).as("%s %s port", deployment.id(), probe)
                            .isIn("http", service.httpPort());
                });
            }
        }
    }

    @ParameterizedTest
    @MethodSource("renderedDirectories")
    void everyServiceReachesItsDeploymentsHttpPort(Path dir) {
        List<Manifest> objects = Manifest.of(Kustomize.render(dir));
        for (Manifest service : ofKind(objects, "Service")) {
            String module = service.name().replaceFirst("-headless$", ""); // the per-pod DNS twin of a Service
            Manifest deployment = find(objects, "Deployment", module).orElseThrow(
                    () -> new AssertionError(service.id() + " has no Deployment of its module's name in " + dir));
            assertThat(deployment.map("spec", "template", "metadata", "labels"))
                    .as("%s selects its pods", service.id()).containsAllEntriesOf(service.map("spec", "selector"));
            int port = ServiceConfiguration.of(module).httpPort();
            assertThat(service.list("spec", "ports")).as("%s ports", service.id()).singleElement().satisfies(p -> {
                assertThat(p.get("name")).isEqualTo("http");
                assertThat(p.get("port")).isEqualTo(port);
                assertThat(p.get("targetPort")).isEqualTo("http");
            });
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyInClusterAddressInAConfigMapExistsInTheRender(Path dir) {
        List<Manifest> objects = Manifest.of(Kustomize.render(dir));
        List<String> problems = new ArrayList<>();
        for (Manifest configMap : ofKind(objects, "ConfigMap")) {
            configMap.map("data").forEach((key, value) -> {
                if (key.equals("KAFKA_BOOTSTRAP_SERVERS")) {
                    checkKafka(objects, configMap.id(), (String) value, problems);
                    return;
                }
                Matcher address = IN_CLUSTER_ADDRESS.matcher(String.valueOf(value));
                while (address.find()) {
                    String host = address.group(1);
                    int port = Integer.parseInt(address.group(2));
                    if (!servedBy(objects, host, port)) {
                        problems.add(configMap.id() + " " + key + " names " + host + ":" + port
                                + ", which nothing in this render serves");
                    }
                }
            });
        }
        assertThat(problems).as("in %s", dir).isEmpty();
    }

    @Test
    void theEnvironmentRuleReadsKeysProfilesAndReferences() {
        ServiceConfiguration retrain = ServiceConfiguration.of("retrain-service");

        assertThat(retrain.environmentVariables())
                .contains("RETRAIN_WORK_DIR", "RETRAIN_ADMIN_TOKEN", "ROUTER_ADMIN_TOKEN", "MONGODB_URI", "HTTP_HOST",
                        "QUARKUS_HTTP_PORT", "RETRAIN_LEASE_TTL")
                .doesNotContain("RETRAIN_WORKDIR", "MONGO_URI", "TEST_RETRAIN_ADMIN_TOKEN");
        assertThat(retrain.httpPort()).isEqualTo(8084);
    }

    private static boolean servedBy(List<Manifest> objects, String host, int port) {
        Optional<Manifest> service = find(objects, "Service", host);
        if (service.isPresent()) {
            return service.get().list("spec", "ports").stream().anyMatch(p -> Integer.valueOf(port).equals(p.get("port")));
        }
        // CloudNativePG makes <cluster>-rw (the primary) on 5432.
        return host.endsWith("-rw") && port == 5432
                && find(objects, "Cluster", host.substring(0, host.length() - "-rw".length())).isPresent();
    }

    /** Strimzi makes <cluster>-kafka-bootstrap, on each listener's port. */
    private static void checkKafka(List<Manifest> objects, String where, String servers, List<String> problems) {
        for (String server : servers.split(",")) {
            String[] hostPort = server.trim().split(":");
            String cluster = hostPort[0].replaceFirst("-kafka-bootstrap$", "");
            boolean served = find(objects, "Kafka", cluster).stream()
                    .flatMap(kafka -> kafka.list("spec", "kafka", "listeners").stream())
                    .anyMatch(listener -> String.valueOf(listener.get("port")).equals(hostPort[1])
                            && Boolean.FALSE.equals(listener.get("tls")));
            if (!served) {
                problems.add(where + " KAFKA_BOOTSTRAP_SERVERS names " + server
                        + ", which no plain listener of a Kafka in this render serves");
            }
        }
    }

    private static List<String> environmentVariables(Map<String, Object> container, List<Manifest> objects) {
        List<String> variables = new ArrayList<>();
        Manifest.listAt(container, "env").forEach(env -> variables.add((String) env.get("name")));
        for (Map<String, Object> source : Manifest.listAt(container, "envFrom")) {
            String name = (String) Manifest.at(source, "configMapRef", "name");
            assertThat(name).as("envFrom only from ConfigMaps (secrets are named one by one)").isNotNull();
            Manifest configMap = find(objects, "ConfigMap", name)
                    .orElseThrow(() -> new AssertionError("ConfigMap " + name + " is not in the render"));
            variables.addAll(configMap.map("data").keySet());
        }
        return variables;
    }

    static List<Manifest> ofKind(List<Manifest> objects, String kind) {
        return objects.stream().filter(object -> kind.equals(object.kind())).toList();
    }

    static Optional<Manifest> find(List<Manifest> objects, String kind, String name) {
        return objects.stream().filter(object -> kind.equals(object.kind()) && name.equals(object.name())).findFirst();
    }
}
