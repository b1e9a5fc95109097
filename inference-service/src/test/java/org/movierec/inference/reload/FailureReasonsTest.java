package org.movierec.inference.reload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/** The reload-failure counter is registered at 0 for every reason a failure can be counted under. */
class FailureReasonsTest {

    @Test
    void everyReasonAFailureGetsIsRegisteredInAdvance() {
        List<Throwable> failures = List.of(new OutOfMemoryError("heap"), new NoSuchElementException("v1"),
                new IllegalStateException("md5 mismatch"), new IOException("disk"), new RuntimeException("boom"));

        assertThat(failures).extracting(ModelReloader::reasonOf)
                .containsExactly("out_of_memory", "not_found", "checksum", "io", "error")
                .allSatisfy(reason -> assertThat(ModelReloader.FAILURE_REASONS).contains(reason));
    }
}
