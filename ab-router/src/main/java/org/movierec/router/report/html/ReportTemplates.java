package org.movierec.router.report.html;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The HTML report's Qute template, {@code templates/report/page.html}: checked at build time against
 * {@link ReportView} (a misspelt property fails the build), HTML-escaped output by default (the
 * template's suffix is {@code .html}), so names and versions from the data cannot inject markup.
 */
@CheckedTemplate(basePath = "report")
public final class ReportTemplates {

    private ReportTemplates() {
    }

    /** The page of {@code view}. */
    public static native TemplateInstance page(ReportView view);
}
