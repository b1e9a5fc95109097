package org.movierec.registry;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Sorts.descending;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.gridfs.GridFSBucket;
import com.mongodb.client.gridfs.GridFSBuckets;
import com.mongodb.client.gridfs.GridFSUploadStream;
import com.mongodb.client.gridfs.model.GridFSFile;
import com.mongodb.client.gridfs.model.GridFSUploadOptions;
import java.io.IOException;
import java.io.InputStream;
import org.bson.Document;

/**
 * Model artifacts in the GridFS bucket {@value #BUCKET}, content-addressed: a file's {@code filename} is
 * the lower-case hex md5 of its bytes, and its {@code metadata} is {@code {md5, size}}. Storing bytes that
 * are already there (same md5 and length) stores nothing, so versions with identical artifacts share one
 * file.
 *
 * <p>GridFS writes a file's chunks first and its {@code artifacts.files} document last, so a file is
 * visible only when complete. Two processes storing the same new bytes at the same moment may both
 * upload; readers then use the newest copy, and the other is harmless.
 */
final class ArtifactStore {

    /** The GridFS bucket name: collections {@code artifacts.files} and {@code artifacts.chunks}. */
    static final String BUCKET = "artifacts";

    private final GridFSBucket bucket;

    ArtifactStore(MongoDatabase database) {
        this.bucket = GridFSBuckets.create(database, BUCKET);
    }

    /** True if a file with these bytes' md5 and length is stored. */
    boolean contains(ArtifactDigest digest) {
        return bucket.find(and(eq("filename", digest.md5()), eq("length", digest.size()))).first() != null;
    }

    /**
     * Stores the bytes {@code writer} writes, expected to have {@code expected} digest, unless they are
     * stored already. The upload is checked against {@code expected} before it is completed; on a
     * mismatch or any failure it is aborted (its chunks deleted) and nothing becomes visible.
     *
     * @return true if the bytes were uploaded, false if an identical file was there already
     * @throws IOException if {@code writer} fails or writes other bytes than {@code expected} describes
     */
    boolean store(ArtifactDigest expected, ArtifactWriter writer) throws IOException {
        if (contains(expected)) {
            return false;
        }
        GridFSUploadOptions options = new GridFSUploadOptions()
                .metadata(new Document("md5", expected.md5()).append("size", expected.size()));
        GridFSUploadStream upload = bucket.openUploadStream(expected.md5(), options);
        try {
            DigestingOutputStream out = new DigestingOutputStream(upload);
            writer.writeTo(out);
            ArtifactDigest actual = out.digest();
            if (!actual.equals(expected)) {
                throw new IOException("artifact changed while it was uploaded: expected md5 " + expected.md5()
                        + " and " + expected.size() + " bytes, uploaded md5 " + actual.md5() + " and "
                        + actual.size() + " bytes");
            }
        } catch (IOException | RuntimeException | Error e) {
            try {
                upload.abort();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        upload.close();
        return true;
    }

    /**
     * Opens the stored artifact of {@code version} for reading; the stream verifies md5 and size as
     * described in {@link VerifyingInputStream}. The newest file with the md5 and the expected length is
     * used; if only files of another length exist, that is reported as corruption.
     *
     * @throws ArtifactMissingException   if no file has the md5
     * @throws ArtifactCorruptedException if the stored file has another length than registered
     */
    InputStream open(String version, ArtifactDigest expected) throws IOException {
        GridFSFile chosen = null;
        for (GridFSFile file : bucket.find(eq("filename", expected.md5())).sort(descending("uploadDate"))) {
            if (chosen == null || file.getLength() == expected.size() && chosen.getLength() != expected.size()) {
                chosen = file;
            }
        }
        if (chosen == null) {
            throw new ArtifactMissingException(version, expected, BUCKET);
        }
        if (chosen.getLength() != expected.size()) {
            throw new ArtifactCorruptedException(version, "size mismatch, expected " + expected.size()
                    + " bytes, the GridFS file has " + chosen.getLength());
        }
        return new VerifyingInputStream(bucket.openDownloadStream(chosen.getId()), version, expected);
    }
}
