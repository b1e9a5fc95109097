package org.movierec.retrain.snapshot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.movierec.core.data.load.DemographicsFormat;
import org.movierec.core.data.load.DemographicsLoader;
import org.movierec.core.data.load.UserDemographics;

/** Users from a MovieLens demographics file ({@code u.user} or {@code users.dat}); no catalog. */
public final class DemographicsFileSource {

    private DemographicsFileSource() {
    }

    /** The users of {@code file}, format guessed from its name and first line. */
    public static Directory load(Path file) throws IOException {
        DemographicsLoader loader = new DemographicsLoader(DemographicsFormat.detect(file));
        Map<String, UserProfile> users = new LinkedHashMap<>();
        for (UserDemographics u : loader.load(file).demographics().all()) {
            users.put(u.userId(), new UserProfile(u.userId(), u.age(), u.gender(), u.occupation()));
        }
        return new Directory(users, null, "demographics file " + file.getFileName());
    }
}
