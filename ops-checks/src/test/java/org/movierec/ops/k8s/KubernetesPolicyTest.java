package org.movierec.ops.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.movierec.ops.k8s.KubernetesConfigConsistencyTest.find;
import static org.movierec.ops.k8s.KubernetesConfigConsistencyTest.ofKind;

import io.fabric8.kubernetes.api.model.Quantity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.movierec.ops.Repository;

/**
 * What every workload must have, checked on each rendered overlay (what is deployed): probes, requests and limits
 * (memory sized for the heap the launcher gives the service), the restricted security context, no API token, a
 * disruption budget, topology spread, a NetworkPolicy; one Ingress, to the router's client paths only; autoscaling
 * of the router and inference; pinned images; secrets only by reference.
 */
class KubernetesPolicyTest {

    /** The image runs as this non-root user (the images' Jib configuration). */
    private static final long IMAGE_USER = 185;

    /** The image's JVM flag -XX:MaxRAMPercentage: the heap is this share of the container's memory limit. */
    private static final double MAX_RAM_FRACTION = 0.75;

    /** Environment variables that hold secrets: they must come from a Secret, never a literal or a ConfigMap. */
    private static final Pattern SECRET_NAME = Pattern.compile(".*(TOKEN|PASSWORD|WEBHOOK|MONGODB_URI|SECRET).*");

    static Stream<Path> overlays() {
        return Kustomize.overlays().stream();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyContainerHasProbesResourcesAndTheRestrictedSecurityContext(Path dir) {
        for (Manifest deployment : deployments(dir)) {
            Map<String, Object> pod = deployment.map("spec", "template", "spec");
            assertThat(pod.get("automountServiceAccountToken")).as("%s: no API token", deployment.id()).isEqualTo(false);
            assertThat(pod.get("enableServiceLinks")).as("%s: no service link variables", deployment.id()).isEqualTo(false);
            assertThat(Manifest.at(pod, "securityContext", "runAsNonRoot")).as(deployment.id()).isEqualTo(true);
            assertThat(Manifest.at(pod, "securityContext", "runAsUser")).as(deployment.id()).isEqualTo((int) IMAGE_USER);
            assertThat(Manifest.at(pod, "securityContext", "seccompProfile", "type")).as(deployment.id())
                    .isEqualTo("RuntimeDefault");
            assertThat(Manifest.listAt(pod, "topologySpreadConstraints")).as("%s spread", deployment.id())
                    .extracting(c -> c.get("topologyKey"))
                    .contains("topology.kubernetes.io/zone", "kubernetes.io/hostname");

            for (Map<String, Object> container : Manifest.listAt(pod, "containers")) {
                String id = deployment.id() + " container " + container.get("name");
                for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
                    assertThat(Manifest.at(container, probe, "httpGet", "path")).as("%s %s", id, probe).isNotNull();
                }
                for (String bound : List.of("requests", "limits")) {
                    for (String resource : List.of("cpu", "memory")) {
                        assertThat(Manifest.at(container, "resources", bound, resource)).as("%s %s.%s", id, bound, resource)
                                .isNotNull();
                    }
                }
                assertThat(Manifest.at(container, "resources", "requests", "memory")).as("%s: memory is not overcommitted", id)
                        .isEqualTo(Manifest.at(container, "resources", "limits", "memory"));
                Map<String, Object> security = Manifest.mapAt(container, "securityContext");
                assertThat(security.get("runAsNonRoot")).as(id).isEqualTo(true);
                assertThat(security.get("allowPrivilegeEscalation")).as(id).isEqualTo(false);
                assertThat(security.get("readOnlyRootFilesystem")).as(id).isEqualTo(true);
                assertThat(Manifest.at(security, "capabilities", "drop")).as(id).isEqualTo(List.of("ALL"));
                assertThat(security).as(id).doesNotContainKeys("privileged", "runAsUser");
                assertThat(tmpVolume(pod, container)).as("%s: /tmp is a writable emptyDir", id).isTrue();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void memoryLimitsHoldTheHeapTheLauncherGivesEachService(Path dir) throws IOException {
        Map<String, Long> heaps = launcherHeaps();
        for (Manifest deployment : deployments(dir)) {
            Map<String, Object> container = deployment.list("spec", "template", "spec", "containers").get(0);
            long limit = bytes((String) Manifest.at(container, "resources", "limits", "memory"));
            long heap = heaps.get(deployment.name());
            assertThat((double) limit * MAX_RAM_FRACTION)
                    .as("%s: %s x MaxRAMPercentage 75 %% holds the launcher's -Xmx (%d MiB)", deployment.id(),
                            Manifest.at(container, "resources", "limits", "memory"), heap >> 20)
                    .isGreaterThanOrEqualTo(heap);
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyWorkloadHasItsOwnServiceAccountBudgetAndNetworkPolicy(Path dir) {
        List<Manifest> objects = Manifest.of(Kustomize.render(dir));
        assertThat(ofKind(objects, "NetworkPolicy")).as("default deny").anySatisfy(policy -> {
            assertThat(policy.map("spec", "podSelector")).isEmpty();
            assertThat(policy.get("spec", "policyTypes")).asInstanceOf(InstanceOfAssertFactories.LIST).contains("Ingress");
            assertThat(policy.get("spec", "ingress")).isNull();
        });
        for (Manifest deployment : ofKind(objects, "Deployment")) {
            Map<String, Object> labels = deployment.map("spec", "template", "metadata", "labels");
            String account = (String) deployment.get("spec", "template", "spec", "serviceAccountName");
            assertThat(find(objects, "ServiceAccount", deployment.name())).as("%s service account", deployment.id())
                    .hasValueSatisfying(sa -> assertThat(sa.get("automountServiceAccountToken")).isEqualTo(false));
            assertThat(account).isEqualTo(deployment.name());
            assertThat(ofKind(objects, "PodDisruptionBudget")).as("%s budget", deployment.id())
                    .anySatisfy(pdb -> assertThat(labels).containsAllEntriesOf(pdb.map("spec", "selector", "matchLabels")));
            assertThat(ofKind(objects, "NetworkPolicy")).as("%s network policy", deployment.id()).anySatisfy(policy -> {
                assertThat(policy.map("spec", "podSelector", "matchLabels")).isNotEmpty();
                assertThat(labels).containsAllEntriesOf(policy.map("spec", "podSelector", "matchLabels"));
                assertThat(policy.list("spec", "ingress")).allSatisfy(rule -> {
                    assertThat(Manifest.listAt(rule, "from")).as("a rule allows named peers, not everyone").isNotEmpty();
                    assertThat(Manifest.listAt(rule, "ports")).extracting(p -> p.get("port")).containsExactly("http");
                });
            });
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void onlyTheRoutersClientPathsAreExposed(Path dir) {
        List<Manifest> objects = Manifest.of(Kustomize.render(dir));
        assertThat(ofKind(objects, "Ingress")).as("one Ingress").singleElement().satisfies(ingress -> {
            assertThat(ingress.list("spec", "tls")).as("TLS").isNotEmpty();
            List<Map<String, Object>> paths = ingress.list("spec", "rules").stream()
                    .flatMap(rule -> Manifest.listAt(rule, "http", "paths").stream()).toList();
            assertThat(paths).extracting(p -> Manifest.at(p, "backend", "service", "name")).containsOnly("ab-router");
            assertThat(paths).extracting(p -> p.get("path")).containsExactlyInAnyOrder("/recommend", "/q/health/ready");
            assertThat(ingress.list("spec", "rules")).extracting(rule -> (String) rule.get("host"))
                    .allSatisfy(host -> assertThat(host).doesNotEndWith(".invalid"));
        });
        assertThat(ofKind(objects, "Service")).allSatisfy(service -> assertThat(service.get("spec", "type"))
                .as("%s stays inside the cluster", service.id()).isIn(null, "ClusterIP"));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theRouterAndInferenceScaleWithLoad(Path dir) {
        List<Manifest> objects = Manifest.of(Kustomize.render(dir));
        for (String name : List.of("ab-router", "inference-service")) {
            Manifest hpa = find(objects, "HorizontalPodAutoscaler", name).orElseThrow();
            assertThat(hpa.get("spec", "scaleTargetRef", "name")).isEqualTo(name);
            assertThat((Integer) hpa.get("spec", "minReplicas")).isGreaterThanOrEqualTo(1);
            assertThat((Integer) hpa.get("spec", "maxReplicas")).isGreaterThan((Integer) hpa.get("spec", "minReplicas"));
            assertThat(find(objects, "Deployment", name).orElseThrow().get("spec", "replicas"))
                    .as("%s: the autoscaler owns the replica count", name).isNull();
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void imagesArePinnedAndSecretsOnlyReferenced(Path dir) {
        for (Manifest deployment : deployments(dir)) {
            for (Map<String, Object> container : deployment.list("spec", "template", "spec", "containers")) {
                String image = (String) container.get("image");
                assertThat(image).as(deployment.id()).startsWith("ghcr.io/movierec/" + container.get("name"))
                        .matches(".+(:[A-Za-z0-9_.-]+|@sha256:[0-9a-f]{64})$").doesNotEndWith(":latest");
                for (Map<String, Object> env : Manifest.listAt(container, "env")) {
                    if (SECRET_NAME.matcher((String) env.get("name")).matches()) {
                        assertThat(Manifest.at(env, "valueFrom", "secretKeyRef", "name"))
                                .as("%s %s comes from a Secret", deployment.id(), env.get("name")).isNotNull();
                    }
                }
            }
        }
        for (Manifest configMap : ofKind(Manifest.of(Kustomize.render(dir)), "ConfigMap")) {
            assertThat(configMap.map("data").keySet()).as("%s holds no secret", configMap.id())
                    .noneMatch(key -> SECRET_NAME.matcher(key).matches());
            assertThat(configMap.map("data").values()).as("%s data are strings", configMap.id())
                    .allMatch(String.class::isInstance);
        }
    }

    @Test
    void quantitiesAreReadAsKubernetesDoes() {
        assertThat(bytes("1536Mi")).isEqualTo(1536L << 20);
        assertThat(bytes("3Gi")).isEqualTo(3L << 30);
    }

    private static List<Manifest> deployments(Path dir) {
        return ofKind(Manifest.of(Kustomize.render(dir)), "Deployment");
    }

    private static boolean tmpVolume(Map<String, Object> pod, Map<String, Object> container) {
        return Manifest.listAt(container, "volumeMounts").stream().filter(mount -> "/tmp".equals(mount.get("mountPath")))
                .anyMatch(mount -> Manifest.listAt(pod, "volumes").stream().anyMatch(volume ->
                        volume.get("name").equals(mount.get("name")) && volume.containsKey("emptyDir")));
    }

    private static long bytes(String quantity) {
        return Quantity.getAmountInBytes(new Quantity(quantity)).setScale(0, java.math.RoundingMode.UNNECESSARY)
                .longValueExact();
    }

    /**
     * The -Xmx the local launcher gives each service, read from platform-launcher's Service enum
     * ({@code INFERENCE("inference-service", "-Xmx1g")}): the figures the benchmarks and the end-to-end test ran with.
     */
    private static Map<String, Long> launcherHeaps() throws IOException {
        String source = Files.readString(Repository.root()
                .resolve("platform-launcher/src/main/java/org/movierec/launcher/Service.java"));
        Matcher entry = Pattern.compile("\\(\"([a-z-]+)\",\\s*\"-Xmx(\\d+)([mg])\"").matcher(source);
        Map<String, Long> heaps = new HashMap<>();
        while (entry.find()) {
            long amount = Long.parseLong(entry.group(2));
            heaps.put(entry.group(1), entry.group(3).equals("g") ? amount << 30 : amount << 20);
        }
        assertThat(heaps).as("heaps in the launcher's Service enum").containsOnlyKeys("inference-service", "ab-router",
                "telemetry-collector", "retrain-service", "simulator");
        return heaps;
    }
}
