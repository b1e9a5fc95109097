package org.movierec.ops.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.movierec.ops.Repository;

/** {@code kubectl kustomize} renders the base and every overlay, and every object passes {@link KubernetesSchema}. */
class KustomizeRenderTest {

    static Stream<Path> renderedDirectories() {
        return Kustomize.renderedDirectories().stream();
    }

    @Test
    void thereAreAStagingAndAProductionOverlay() {
        assertThat(Kustomize.overlays()).extracting(dir -> dir.getFileName().toString())
                .contains("staging", "production");
    }

    @ParameterizedTest
    @MethodSource("renderedDirectories")
    void rendersAndEveryObjectPassesTheSchemaCheck(Path dir) {
        List<Manifest> objects = Manifest.of(Kustomize.render(dir));

        assertThat(objects).as("objects rendered from %s", dir).isNotEmpty();
        List<String> problems = new ArrayList<>();
        for (Manifest object : objects) {
            KubernetesSchema.problems(object).forEach(problem -> problems.add(object.id() + ": " + problem));
        }
        assertThat(problems).as("schema problems in %s", dir).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("renderedDirectories")
    void namesAreUniquePerKindAndNoSecretIsRendered(Path dir) {
        Set<String> seen = new HashSet<>();
        for (Manifest object : Manifest.of(Kustomize.render(dir))) {
            assertThat(seen.add(object.id())).as("duplicate %s in %s", object.id(), dir).isTrue();
            assertThat(object.kind()).as("secret values never live in git: %s", object.id()).isNotEqualTo("Secret");
        }
    }

    @Test
    void theSchemaCheckCatchesAnUnknownFieldAWrongTypeAndAMissingRequiredField() {
        Manifest typo = deploymentWith("""
                      - name: web
                        image: ghcr.io/movierec/ab-router:1
                        imagePullPolicyy: Always
                """);
        Manifest wrongType = deploymentWith("""
                      - name: web
                        image: ghcr.io/movierec/ab-router:1
                        ports:
                          - containerPort: eighty
                """);
        Manifest noImage = deploymentWith("""
                      - name: web
                """);

        assertThat(KubernetesSchema.problems(typo)).anySatisfy(problem -> assertThat(problem)
                .contains("unknown field").contains("containers[0]").contains("imagePullPolicyy"));
        assertThat(KubernetesSchema.problems(wrongType)).anySatisfy(problem -> assertThat(problem)
                .contains("does not parse as Deployment"));
        assertThat(KubernetesSchema.problems(noImage)).contains("spec.template.spec.containers[].image missing");
    }

    @Test
    void theExternalSecretsExamplePassesTheSchemaCheck() throws IOException {
        Path example = Repository.root().resolve("k8s/examples/external-secrets.yaml");
        List<String> problems = new ArrayList<>();
        for (Manifest object : load(example)) {
            assertThat(object.kind()).isEqualTo("ExternalSecret");
            KubernetesSchema.problems(object).forEach(problem -> problems.add(object.id() + ": " + problem));
        }
        assertThat(problems).isEmpty();
    }

    @SuppressWarnings("unchecked")
    static List<Manifest> load(Path file) throws IOException {
        List<Manifest> objects = new ArrayList<>();
        for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(Files.readString(file))) {
            if (doc != null) {
                objects.add(new Manifest((Map<String, Object>) doc));
            }
        }
        return objects;
    }

    @SuppressWarnings("unchecked")
    private static Manifest deploymentWith(String containers) {
        String yaml = """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  selector:
                    matchLabels:
                      app: web
                  template:
                    metadata:
                      labels:
                        app: web
                    spec:
                      containers:
                """ + containers;
        return new Manifest((Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml));
    }
}
