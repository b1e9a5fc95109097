package org.movierec.retrain.service;

import com.mongodb.MongoException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.jboss.logging.Logger;

/** MongoDB (registry, run records, lease) unreachable or failing: 503 with the reason, not a stack trace. */
@Provider
public class MongoUnavailableMapper implements ExceptionMapper<MongoException> {

    private static final Logger LOG = Logger.getLogger(MongoUnavailableMapper.class);

    @Override
    public Response toResponse(MongoException e) {
        LOG.warnf("MongoDB failed: %s", e.toString());
        return Problems.of(Response.Status.SERVICE_UNAVAILABLE, "MongoDB is unavailable: " + e.getClass().getSimpleName());
    }
}
