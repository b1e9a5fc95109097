/**
 * DVC 3.x-compatible provenance: content hashes of files and directories exactly as DVC computes them
 * ({@link org.movierec.core.dvc.DvcHash}), a cache directory in DVC's layout that works as a DVC remote
 * ({@link org.movierec.core.dvc.DvcCache}), and {@code dvc.lock} records (schema 2.0,
 * {@link org.movierec.core.dvc.DvcLock}).
 *
 * <p>Hash rules (DVC 3.x, {@code hash: md5}): a file's hash is the md5 of its bytes; a directory's hash is
 * the md5 of the JSON list of {@code {"md5": ..., "relpath": ...}} entries of its files (recursively,
 * {@code /}-separated relative paths), sorted by relpath and serialised like Python's
 * {@code json.dumps(entries, sort_keys=True)}, followed by {@code .dir}. That JSON text is also the
 * content of the directory's {@code .dir} object in the cache.
 */
package org.movierec.core.dvc;
