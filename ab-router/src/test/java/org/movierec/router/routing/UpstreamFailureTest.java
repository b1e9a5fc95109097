package org.movierec.router.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.movierec.router.fallback.FallbackReason;

/** The status a failed attempt is recorded with: what the canary's error rate counts (5xx) and what it does not. */
class UpstreamFailureTest {

    @Test
    void aTimeoutIsAGatewayTimeout() {
        assertThat(new UpstreamFailure(FallbackReason.TIMEOUT, "slow").status()).isEqualTo(504);
    }

    @Test
    void anUnreachableOrFailingUpstreamIsABadGateway() {
        assertThat(new UpstreamFailure(FallbackReason.CONNECTION, "refused").status()).isEqualTo(502);
        assertThat(new UpstreamFailure(FallbackReason.UPSTREAM_ERROR, "500", 500).status()).isEqualTo(502);
    }

    @Test
    void aVersionNotLoadedYetKeepsItsOwn404SoItIsNotCountedAsTheArmsError() {
        assertThat(new UpstreamFailure(FallbackReason.UPSTREAM_REJECTED, "not loaded", 404).status()).isEqualTo(404);
        assertThat(new UpstreamFailure(FallbackReason.UPSTREAM_REJECTED, "no status").status()).isEqualTo(502);
    }
}
