package org.movierec.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.movierec.core.model.ModelFile;
import org.movierec.core.model.SvdModel;
import org.movierec.core.recommend.Recommendation;
import org.movierec.core.recommend.Recommender;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code recsys recommend --model MODEL --user ID}: the same line {@code /recommend} answers (up to n
 * movie ids, comma-separated, best first), or JSON with scores.
 */
@Command(name = "recommend", description = "The line /recommend answers (up to N movie ids, comma-separated, best"
        + " first), or JSON with scores.")
final class RecommendCommand extends RecsysCommand {

    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "The model file.")
    private Path modelFile;
    @Option(names = "--user", required = true, paramLabel = "ID", description = "The user.")
    private String user;
    @Option(names = "--n", paramLabel = "N", defaultValue = "20", description = "Movies, 1..1000 (default: ${DEFAULT-VALUE}).")
    private int n;
    @Option(names = "--json", description = "JSON with the scores and whether the popularity fallback answered.")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        OptionChecks.inRange(spec, "--n", n, 1, 1000);
        SvdModel model = ModelFile.read(modelFile);
        Recommendation r = new Recommender(model).forUser(user, n);
        if (!json) {
            out().println(r.toLine(model.items()));
            return 0;
        }
        List<Map<String, Object>> items = new ArrayList<>();
        for (int j = 0; j < r.items().size(); j++) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("movieId", model.items().idAt(r.items().items()[j]));
            item.put("score", (double) r.items().scores()[j]);
            items.add(item);
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("userId", user);
        report.put("items", items);
        report.put("fallback", r.fallback());
        JsonOutput.print(out(), report);
        return 0;
    }
}
