package org.movierec.simulator.viewer;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.movierec.core.generate.SyntheticDataGenerator;
import org.movierec.simulator.catalog.Accounts;

/**
 * {@code GET /}: the viewer's app, one server-rendered page ({@code templates/viewer/page.html}, Qute, checked at
 * build time and HTML-escaped) whose forms offer exactly the demographics the user API accepts; the little
 * JavaScript it loads ({@code /viewer/app.js}, no build chain) calls {@code /user} and {@code /viewer/api}.
 */
@Path("/")
public class ViewerPage {

    /** The page's templates. */
    @CheckedTemplate(basePath = "viewer")
    static final class Templates {

        private Templates() {
        }

        static native TemplateInstance page(List<Integer> ages, List<String> genders, List<String> occupations);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public String page() {
        return Templates.page(Accounts.AGES, Accounts.GENDERS, SyntheticDataGenerator.OCCUPATIONS).render();
    }
}
