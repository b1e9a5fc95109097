package org.movierec.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BearerTokenTest {

    @Test
    void acceptsOnlyTheConfiguredToken() {
        assertThat(BearerToken.problem("Bearer s3cret", "s3cret")).isNull();
        assertThat(BearerToken.problem("bearer s3cret", "s3cret")).isNull();
        assertThat(BearerToken.problem("Bearer wrong", "s3cret")).isEqualTo("wrong bearer token");
        assertThat(BearerToken.problem(null, "s3cret")).isEqualTo("missing bearer token");
        assertThat(BearerToken.problem("Basic s3cret", "s3cret")).isEqualTo("missing bearer token");
        assertThat(BearerToken.problem("Bearer s3cret", null)).contains("no admin token");
        assertThat(BearerToken.problem("Bearer ", "")).contains("no admin token");
    }

    @Test
    void theFingerprintNamesATokenWithoutRevealingIt() {
        // the first 4 bytes of SHA-256("secret-a"), computed by sha256sum
        assertThat(BearerToken.fingerprint("Bearer secret-a")).isEqualTo("8766b9cb");
        assertThat(BearerToken.fingerprint("Bearer secret-a")).isNotEqualTo(BearerToken.fingerprint("Bearer secret-b"));
    }
}
