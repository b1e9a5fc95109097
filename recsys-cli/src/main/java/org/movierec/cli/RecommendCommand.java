package org.movierec.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.movierec.core.json.Json;
import org.movierec.core.model.ModelFile;
import org.movierec.core.model.SvdModel;
import org.movierec.core.recommend.Recommendation;
import org.movierec.core.recommend.Recommender;

/**
 * {@code recsys recommend --model MODEL --user ID}: the same line {@code /recommend} answers (up to n
 * movie ids, comma-separated, best first), or JSON with scores.
 */
final class RecommendCommand implements Command {

    @Override
    public Set<String> flags() {
        return Set.of("json");
    }

    @Override
    public void run(Args a, PrintStream out, PrintStream err) throws IOException {
        var modelFile = a.path("model");
        String user = a.string("user");
        int n = a.integer("n", 20, 1, 1000);
        boolean json = a.flag("json");
        a.finish();

        SvdModel model = ModelFile.read(modelFile);
        Recommendation r = new Recommender(model).forUser(user, n);
        if (!json) {
            out.println(r.toLine(model.items()));
            return;
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
        out.println(Json.write(report));
    }
}
