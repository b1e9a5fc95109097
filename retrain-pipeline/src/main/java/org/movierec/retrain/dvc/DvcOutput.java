package org.movierec.retrain.dvc;

import java.util.Objects;

/**
 * A dependency or output as {@code dvc.lock} records it: {@code path}, {@code hash: md5}, {@code md5},
 * {@code size} and, for a directory, {@code nfiles}.
 *
 * @param path   the path as written in {@code dvc.yaml}, relative to the project root
 * @param md5    the DVC hash: the file's md5, or the directory's tree md5 with {@code .dir} appended
 * @param size   bytes (a directory: the sum of its files)
 * @param nfiles number of files for a directory; {@code null} for a file
 */
public record DvcOutput(String path, String md5, long size, Integer nfiles) {

    public DvcOutput {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(md5, "md5");
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0, got " + size);
        }
    }

    /** Whether this is a directory ({@code md5} ends with {@code .dir}). */
    public boolean isDirectory() {
        return md5.endsWith(DvcHash.DIR_SUFFIX);
    }
}
