package org.movierec.ops.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.movierec.ops.k8s.KubernetesConfigConsistencyTest.ofKind;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.movierec.ops.Repository;

/**
 * The documented way to provide the secrets is complete: every Secret key a rendered workload reads is made by the
 * External Secrets example (k8s/examples/external-secrets.yaml), or, in a render that runs the MongoDB Community
 * Operator, by that operator (the connection string Secret of its user).
 */
class ExternalSecretsExampleTest {

    static Stream<Path> overlays() {
        return Kustomize.overlays().stream();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everySecretKeyTheWorkloadsReadIsProvided(Path dir) throws IOException {
        Map<String, Set<String>> provided = new HashMap<>();
        for (Manifest secret : KustomizeRenderTest.load(Repository.root().resolve("k8s/examples/external-secrets.yaml"))) {
            Set<String> keys = provided.computeIfAbsent((String) secret.get("spec", "target", "name"), k -> new HashSet<>());
            secret.list("spec", "data").forEach(data -> keys.add((String) data.get("secretKey")));
        }
        List<Manifest> objects = Manifest.of(Kustomize.render(dir));
        for (Manifest mongo : ofKind(objects, "MongoDBCommunity")) {
            for (Map<String, Object> user : mongo.list("spec", "users")) {
                provided.computeIfAbsent((String) user.get("connectionStringSecretName"), k -> new HashSet<>())
                        .add("connectionString.standard");
            }
        }

        List<String> missing = new ArrayList<>();
        for (Manifest deployment : ofKind(objects, "Deployment")) {
            for (Map<String, Object> container : deployment.list("spec", "template", "spec", "containers")) {
                for (Map<String, Object> env : Manifest.listAt(container, "env")) {
                    Map<String, Object> ref = Manifest.mapAt(env, "valueFrom", "secretKeyRef");
                    if (!ref.isEmpty() && !provided.getOrDefault((String) ref.get("name"), Set.of()).contains(ref.get("key"))) {
                        missing.add(deployment.id() + " " + env.get("name") + " <- " + ref.get("name") + "/" + ref.get("key"));
                    }
                }
            }
        }
        assertThat(missing).as("secret keys nobody provides in %s", dir).isEmpty();
    }
}
