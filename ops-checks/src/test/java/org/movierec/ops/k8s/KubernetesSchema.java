package org.movierec.ops.k8s;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A strict schema check of rendered objects.
 *
 * <p><b>Built-in kinds</b> are parsed into the fabric8 Kubernetes model (the API's own field names and types,
 * generated from its OpenAPI schema). A wrong type fails the parse. An unknown field does not: fabric8 keeps it in
 * each object's {@code additionalProperties} (a Jackson any-setter, which {@code FAIL_ON_UNKNOWN_PROPERTIES} never
 * sees), so the check walks the parsed tree and reports every non-empty {@code additionalProperties} with its path.
 * The walk calls every getter, so a malformed quantity ({@code 1.5.Gi}) fails when its amount is computed. The
 * API's required fields that fabric8 does not enforce are listed per kind in {@link #REQUIRED}.
 *
 * <p><b>Custom resources</b> (Strimzi, CloudNativePG, MongoDB, Prometheus Operator, External Secrets) have no model
 * here; their check is deliberately minimal and documented: a known apiVersion and kind, a name, and the fields
 * their operators require or that this platform depends on ({@link #REQUIRED}). An unknown kind fails.
 */
final class KubernetesSchema {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /** The built-in kinds the manifests use, by apiVersion and kind. */
    private static final Map<String, Class<?>> BUILT_IN = Map.of(
            "v1/ConfigMap", ConfigMap.class,
            "v1/Service", Service.class,
            "v1/ServiceAccount", ServiceAccount.class,
            "v1/PersistentVolumeClaim", PersistentVolumeClaim.class,
            "apps/v1/Deployment", Deployment.class,
            "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
            "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class,
            "networking.k8s.io/v1/Ingress", Ingress.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class);

    /**
     * Required fields (paths below the object; {@code []} descends into every element of a list), for the built-in
     * kinds those the API server requires and fabric8 does not check, for the custom resources the minimal check.
     */
    private static final Map<String, List<String>> REQUIRED = Map.ofEntries(
            Map.entry("v1/Service", List.of("spec.ports[].port", "spec.selector")),
            Map.entry("v1/PersistentVolumeClaim", List.of("spec.accessModes", "spec.resources.requests.storage")),
            Map.entry("apps/v1/Deployment", List.of("spec.selector.matchLabels", "spec.template.metadata.labels",
                    "spec.template.spec.containers[].name", "spec.template.spec.containers[].image")),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", List.of("spec.scaleTargetRef.kind",
                    "spec.scaleTargetRef.name", "spec.maxReplicas", "spec.metrics[].type")),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", List.of("spec.podSelector")),
            Map.entry("networking.k8s.io/v1/Ingress", List.of("spec.rules[].http.paths[].pathType",
                    "spec.rules[].http.paths[].backend.service.name", "spec.rules[].http.paths[].backend.service.port")),
            Map.entry("policy/v1/PodDisruptionBudget", List.of("spec.selector.matchLabels")),
            Map.entry("kafka.strimzi.io/v1beta2/Kafka", List.of("spec.kafka.listeners[].name",
                    "spec.kafka.listeners[].port", "spec.kafka.listeners[].type", "metadata.annotations")),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaNodePool", List.of("metadata.labels.strimzi.io/cluster",
                    "spec.replicas", "spec.roles", "spec.storage.type")),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaTopic", List.of("metadata.labels.strimzi.io/cluster",
                    "spec.topicName", "spec.partitions", "spec.replicas")),
            Map.entry("postgresql.cnpg.io/v1/Cluster", List.of("spec.instances", "spec.imageName",
                    "spec.postgresql.shared_preload_libraries", "spec.storage.size", "spec.bootstrap.initdb.database",
                    "spec.bootstrap.initdb.secret.name")),
            Map.entry("mongodbcommunity.mongodb.com/v1/MongoDBCommunity", List.of("spec.members", "spec.type",
                    "spec.version", "spec.security.authentication.modes", "spec.users[].name", "spec.users[].db",
                    "spec.users[].passwordSecretRef.name", "spec.users[].roles", "spec.users[].scramCredentialsSecretName")),
            Map.entry("monitoring.coreos.com/v1/ServiceMonitor", List.of("spec.selector.matchLabels",
                    "spec.endpoints[].port", "spec.endpoints[].path")),
            Map.entry("monitoring.coreos.com/v1/PrometheusRule", List.of("spec.groups[].name", "spec.groups[].rules")),
            Map.entry("external-secrets.io/v1/ExternalSecret", List.of("spec.secretStoreRef.name",
                    "spec.secretStoreRef.kind", "spec.target.name", "spec.data[].secretKey", "spec.data[].remoteRef.key")));

    private KubernetesSchema() {
    }

    /**
     * Every problem of one object, empty when it passes.
     *
     * @param object the parsed YAML object
     * @return the problems, each naming the field
     */
    static List<String> problems(Manifest object) {
        List<String> problems = new ArrayList<>();
        String type = object.apiVersion() + "/" + object.kind();
        if (object.name() == null || object.name().isBlank()) {
            problems.add("metadata.name missing");
        }
        Class<?> model = BUILT_IN.get(type);
        if (model == null && !REQUIRED.containsKey(type)) {
            problems.add("unknown apiVersion/kind " + type + " (add it to KubernetesSchema)");
            return problems;
        }
        for (String path : REQUIRED.getOrDefault(type, List.of())) {
            if (!present(object.fields(), path.split("\\.(?![^.]*/)"), 0)) {
                problems.add(path + " missing");
            }
        }
        if (model != null) {
            try {
                Object parsed = MAPPER.convertValue(object.fields(), model);
                unknownFields(parsed, "", problems);
            } catch (IllegalArgumentException e) {
                problems.add("does not parse as " + model.getSimpleName() + ": " + e.getMessage());
            }
        }
        return problems;
    }

    /** Whether the path is present (non-null, and non-empty for strings) below node; lists: in every element. */
    private static boolean present(Object node, String[] keys, int index) {
        if (index == keys.length) {
            return node != null && !(node instanceof String s && s.isBlank());
        }
        String key = keys[index];
        boolean eachElement = key.endsWith("[]");
        String field = eachElement ? key.substring(0, key.length() - 2) : key;
        if (!(node instanceof Map<?, ?> map) || !map.containsKey(field)) {
            return false;
        }
        Object value = map.get(field);
        if (!eachElement) {
            return present(value, keys, index + 1);
        }
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            return false;
        }
        return list.stream().allMatch(element -> present(element, keys, index + 1));
    }

    /** Walks the fabric8 tree: every additionalProperties must be empty. */
    private static void unknownFields(Object node, String path, List<String> problems) {
        if (node == null || node instanceof String || node instanceof Number || node instanceof Boolean
                || node instanceof Enum<?>) {
            return;
        }
        if (node instanceof Collection<?> collection) {
            int i = 0;
            for (Object element : collection) {
                unknownFields(element, path + "[" + i++ + "]", problems);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> unknownFields(value, path + "." + key, problems));
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            } catch (InvocationTargetException e) {
                problems.add(path + "." + property(getter) + ": " + e.getCause());
                continue;
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> unknown && !unknown.isEmpty()) {
                    problems.add("unknown field(s) at " + (path.isEmpty() ? "." : path) + ": " + unknown.keySet());
                }
            } else {
                unknownFields(value, path + "." + property(getter), problems);
            }
        }
    }

    private static String property(Method getter) {
        String name = getter.getName().substring(3);
        return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
