package org.movierec.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.movierec.core.train.EpochListener;

/** Epoch progress on stderr, one line an epoch. */
final class Progress implements EpochListener {

    private final PrintWriter err;
    private final boolean quiet;

    Progress(PrintWriter err, boolean quiet) {
        this.err = err;
        this.quiet = quiet;
    }

    @Override
    public void epochDone(int epoch, double trainRmse, double validationRmse) {
        if (!quiet) {
            err.printf(Locale.ROOT, "epoch %3d  train rmse %.4f%s%n", epoch, trainRmse,
                    Double.isNaN(validationRmse) ? "" : String.format(Locale.ROOT, "  validation rmse %.4f", validationRmse));
        }
    }
}
