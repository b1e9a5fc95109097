package org.movierec.platform.http;

import io.netty.handler.codec.http.HttpResponseStatus;

/** The standard reason phrase of an HTTP status code (Netty's table, which every Quarkus service has). */
final class ReasonPhrases {

    private ReasonPhrases() {
    }

    static String of(int status) {
        return HttpResponseStatus.valueOf(status).reasonPhrase();
    }
}
