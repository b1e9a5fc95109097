package org.movierec.router.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServedListTest {

    @Test
    void theItemsHeaderSplitsBackIntoTheIdsInOrder() {
        ServedList list = ServedList.fromHeaders("the+matrix+1999,1682,l'avventura+1960", "false");

        assertThat(list.movieIds()).containsExactly("the+matrix+1999", "1682", "l'avventura+1960");
        assertThat(list.popularity()).isFalse();
    }

    @Test
    void anEmptyOrMissingItemsHeaderIsNoItems() {
        assertThat(ServedList.fromHeaders("", "true").movieIds()).isEmpty();
        assertThat(ServedList.fromHeaders(null, "true").movieIds()).isEmpty();
        assertThat(ServedList.fromHeaders("m1", "true").popularity()).isTrue();
        assertThat(ServedList.fromHeaders("m1", null).popularity()).isFalse();
    }
}
