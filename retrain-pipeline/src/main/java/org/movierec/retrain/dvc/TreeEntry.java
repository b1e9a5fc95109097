package org.movierec.retrain.dvc;

import java.util.Objects;

/**
 * One file of a directory as DVC lists it in a {@code .dir} manifest.
 *
 * @param relpath the path relative to the directory, {@code /}-separated
 * @param md5     the md5 of the file's bytes, lower-case hex
 * @param size    the file's length in bytes (not part of the manifest; summed into the directory's size)
 */
public record TreeEntry(String relpath, String md5, long size) {

    public TreeEntry {
        Objects.requireNonNull(relpath, "relpath");
        Objects.requireNonNull(md5, "md5");
    }
}
