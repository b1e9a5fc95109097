/**
 * DVC 3.x-compatible provenance: content hashes of files and directories exactly as DVC computes them
 * ({@link org.movierec.retrain.dvc.DvcHash}), leaving out what {@code .dvcignore} ignores
 * ({@link org.movierec.retrain.dvc.DvcIgnore}), a cache directory in DVC's layout and file mode (0444) that works as a
 * DVC remote ({@link org.movierec.retrain.dvc.DvcCache}), {@code dvc.lock} records as DVC writes them (schema 2.0,
 * {@link org.movierec.retrain.dvc.DvcLock}) and YAML read and written by 1.2 rules, as DVC's ruamel.yaml does
 * ({@link org.movierec.retrain.dvc.Yaml12}).
 *
 * <p>Hash rules (DVC 3.x, {@code hash: md5}): a file's hash is the md5 of its bytes; a directory's hash is
 * the md5 of the JSON list of {@code {"md5": ..., "relpath": ...}} entries of its files (recursively,
 * {@code /}-separated relative paths), sorted by relpath and serialised like Python's
 * {@code json.dumps(entries, sort_keys=True)}, followed by {@code .dir}. That JSON text is also the
 * content of the directory's {@code .dir} object in the cache.
 */
package org.movierec.retrain.dvc;
