package org.movierec.retrain.run;

import org.movierec.retrain.snapshot.Directory;

/** Where users and the catalog come from: the user API, a demographics file, or nowhere. */
@FunctionalInterface
public interface DirectorySource {

    /** Fetches the users and the catalog. */
    Directory fetch() throws Exception;
}
