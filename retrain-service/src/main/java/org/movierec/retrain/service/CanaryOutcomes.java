package org.movierec.retrain.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.movierec.retrain.RetrainJson;

/**
 * How a run's canary ended, read from the router when the run is asked for ({@code GET /runs/{runId}}):
 * {@code GET {ROUTER_URL}/experiments/{id}} (an open read). Once the experiment has ended ({@code completed}:
 * promoted through the release API; {@code aborted}: by the policy, by hand, or after the promotion failed for
 * good) the outcome is stored in the run record and never asked again; while it runs, its current state is
 * shown and nothing is stored.
 *
 * <p>Reading on demand rather than being told by the router keeps one direction of calls for the outcome
 * (the router already calls retrain-service to release) and needs no retry of a lost notice: the router's
 * experiment is the record of how the canary went, this is a view of it.
 */
@ApplicationScoped
public class CanaryOutcomes {

    private static final Logger LOG = Logger.getLogger(CanaryOutcomes.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final String routerUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    public CanaryOutcomes(RetrainConfig config) {
        String url = config.routerUrl();
        this.routerUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /**
     * The canary's state: {@code {experimentId, status, endReason, endedAt, release}} as the router has it;
     * {@code status} is {@code running}, {@code completed} or {@code aborted}, {@code release} the canary's
     * promotion state ({@code promoting}, {@code promote_failed} with the reason) while it is being released.
     * Empty when the router cannot tell (unreachable, unknown experiment).
     */
    public Optional<Map<String, Object>> read(String experimentId) {
        URI uri = URI.create(routerUrl + "/experiments/" + URLEncoder.encode(experimentId, StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                LOG.debugf("canary %s: the router answered HTTP %d", experimentId, response.statusCode());
                return Optional.empty();
            }
            Map<String, Object> experiment = RetrainJson.readObject(response.body());
            Map<String, Object> outcome = new LinkedHashMap<>();
            outcome.put("experimentId", experimentId);
            outcome.put("status", experiment.get("status"));
            outcome.put("endReason", experiment.get("endReason"));
            outcome.put("endedAt", experiment.get("endedAt"));
            if (experiment.get("canary") instanceof Map<?, ?> canary && canary.get("release") != null) {
                outcome.put("release", canary.get("release"));
            }
            return Optional.of(outcome);
        } catch (IOException e) {
            LOG.debugf("canary %s: the router cannot tell: %s", experimentId, e.toString());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Whether {@code outcome} is final ({@code completed} or {@code aborted}). */
    static boolean ended(Map<String, Object> outcome) {
        return "completed".equals(outcome.get("status")) || "aborted".equals(outcome.get("status"));
    }
}
