package org.movierec.router.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsing {@code router.inference-url} and the order instances are tried in. */
class InferenceInstancesTest {

    @Test
    void aListOfUrlsIsParsedInOrderWithDefaultPortAndPath() {
        InferenceInstances instances = InferenceInstances.parse(List.of("http://10.0.0.1:8081", " http://inference/api ",
                ""));
        assertThat(instances.size()).isEqualTo(2);
        assertThat(instances.get(0)).isEqualTo(new InferenceInstances.Instance(0, "10.0.0.1", 8081, ""));
        assertThat(instances.get(1)).isEqualTo(new InferenceInstances.Instance(1, "inference", 80, "/api"));
    }

    @Test
    void callsStartAtEachInstanceInTurn() {
        InferenceInstances instances = InferenceInstances.parse(List.of("http://a:1", "http://b:2", "http://c:3"));
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            starts.add(instances.next().index());
        }
        assertThat(starts).containsExactly(0, 1, 2, 0, 1, 2);
    }

    @Test
    void theInstanceAfterTheLastIsTheFirst() {
        InferenceInstances instances = InferenceInstances.parse(List.of("http://a:1", "http://b:2"));
        assertThat(instances.after(instances.get(0)).index()).isEqualTo(1);
        assertThat(instances.after(instances.get(1)).index()).isEqualTo(0);
        InferenceInstances one = InferenceInstances.parse(List.of("http://a:1"));
        assertThat(one.after(one.get(0))).isEqualTo(one.get(0));
    }

    @Test
    void anythingButHttpUrlsIsRefused() {
        assertThatThrownBy(() -> InferenceInstances.parse(List.of("https://a:1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https://a:1");
        assertThatThrownBy(() -> InferenceInstances.parse(List.of("a:1")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> InferenceInstances.parse(List.of(" ")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no inference instance");
    }
}
