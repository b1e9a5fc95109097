package org.movierec.router;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.function.Function;

/**
 * A WireMock response transformer that computes the answer of the stubs naming it ({@code withTransformers(name)})
 * in Java, from the request: for a stand-in whose answer depends on state the test sets, or has a side effect, which
 * a static stub cannot express.
 *
 * @param name the name the stubs use
 * @param answer the answer to a request
 */
record ComputedAnswer(String name, Function<LoggedRequest, ResponseDefinition> answer)
        implements ResponseDefinitionTransformerV2 {

    @Override
    public String getName() {
        return name;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        return answer.apply(event.getRequest());
    }
}
