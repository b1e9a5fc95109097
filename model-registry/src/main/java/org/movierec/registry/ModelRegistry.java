package org.movierec.registry;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Sorts.descending;
import static com.mongodb.client.model.Sorts.orderBy;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.set;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.ReadPreference;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.result.UpdateResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.movierec.core.model.ModelFile;
import org.movierec.core.model.ModelFormatException;
import org.movierec.core.model.SvdModel;

/**
 * The model registry on MongoDB: versions and their metadata, their artifacts, and which one is in
 * production. Every service constructs one on the {@link MongoDatabase} that quarkus-mongodb-client (or
 * {@code MongoClients.create}) gives it; instances hold no state of their own and are safe for concurrent
 * use.
 *
 * <h2>Storage</h2>
 * <ul>
 * <li>collection {@value ModelDocuments#COLLECTION}: one document per version, {@code _id} = version id;
 *     shape in {@link ModelDocuments}; indexed on {@code status} and {@code createdAt};</li>
 * <li>GridFS bucket {@value ArtifactStore#BUCKET}: the artifacts, {@code filename} = md5 of the bytes,
 *     shared between versions with identical bytes;</li>
 * <li>collection {@value ProductionPointers#COLLECTION}: the production pointer
 *     {@code {_id: "production", version, since}} ({@link ProductionPointers}).</li>
 * </ul>
 *
 * <h2>Consistency without transactions</h2>
 * <p>Every step that matters is one atomic single-document write, so the registry needs no
 * multi-document transaction (which mongo-java-server lacks, and which a MongoDB replica set would make
 * slower):
 * <ul>
 * <li><b>Registering</b> uploads the artifact first and inserts the metadata document last. A version
 *     is visible only once its document exists, and then its artifact is complete. A crash in between
 *     leaves only an unreferenced artifact, which the next registration of the same bytes reuses.</li>
 * <li><b>Promoting</b> is the single {@code findOneAndUpdate} (with upsert) of the pointer document;
 *     that write is the promotion. The statuses in {@code models} are updated after it (new version
 *     {@code production} with {@code promotedAt}; the previous version, and any other document still
 *     saying {@code production}, {@code archived}) and are a denormalised copy: if a crash or a concurrent promotion leaves them
 *     stale, the pointer corrects them on every read. {@link #productionVersion()} reads the pointer;
 *     {@link #get}, {@link #list()} and {@link #list(ModelStatus)} report {@link ModelStatus#PRODUCTION}
 *     for exactly the pointer's version (with {@code promotedAt} = the pointer's {@code since}), and
 *     {@link ModelStatus#ARCHIVED} for any other document that still says {@code production}. The next
 *     promotion also rewrites stale documents.</li>
 * <li>Checks before a write (a version exists, is not rejected, is not in production) are not atomic with
 *     the write: a {@link #reject} racing a {@link #promote} of the same version may leave a version
 *     the pointer names with a {@code rejected} document. The pointer wins; such a version is reported
 *     as production until another is promoted.</li>
 * </ul>
 *
 * <p>Writes use write concern {@code majority} and reads the primary, so against a replica set a reader
 * that sees a version document also sees its artifact, and a promotion survives a fail-over.
 *
 * <h2>Loading</h2>
 * <p>Artifacts are verified against the md5 and size recorded at registration: {@link #loadArtifact} and
 * {@link #loadModel} never return bytes or a model that did not verify, and throw
 * {@link ArtifactCorruptedException} (message: {@code artifact of version X: md5 mismatch, expected ...,
 * got ...}) instead.
 */
public final class ModelRegistry {

    /** How many ids a registration tries when the same bytes are registered again within one second. */
    private static final int MAX_ID_ATTEMPTS = 100;
    /** The longest byte array a JVM reliably allocates. */
    private static final long MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

    private final MongoCollection<Document> models;
    private final ArtifactStore artifacts;
    private final ProductionPointers pointers;
    private final Clock clock;

    /**
     * A registry on {@code database}, with the system UTC clock. Creates the indexes on
     * {@code models.status} and {@code models.createdAt} if missing (idempotent).
     */
    public ModelRegistry(MongoDatabase database) {
        this(database, Clock.systemUTC());
    }

    /** As {@link #ModelRegistry(MongoDatabase)}, with {@code clock} for registration and promotion times. */
    public ModelRegistry(MongoDatabase database, Clock clock) {
        MongoDatabase db = database.withWriteConcern(WriteConcern.MAJORITY).withReadPreference(ReadPreference.primary());
        this.models = db.getCollection(ModelDocuments.COLLECTION);
        this.artifacts = new ArtifactStore(db);
        this.pointers = new ProductionPointers(db);
        this.clock = Objects.requireNonNull(clock, "clock");
        models.createIndex(Indexes.ascending(ModelDocuments.STATUS));
        models.createIndex(Indexes.descending(ModelDocuments.CREATED_AT));
    }

    // ------------------------------------------------------------------ registering

    /**
     * Registers {@code artifact} as a new {@link ModelStatus#CANDIDATE} version: stores the bytes (unless
     * identical bytes are stored already), then inserts the version document.
     *
     * @param hyperparameters training hyperparameters; keys without {@code .} or a leading {@code $}
     * @param metrics         evaluation metrics; same key rules
     * @param lineage         provenance, any BSON-encodable values; same key rules at the top level
     * @return the registered version, as stored (lineage values as MongoDB returns them: nested maps
     *         as {@link Document}s, times as {@link Date}s)
     * @throws IllegalArgumentException if a map has an invalid key or a null hyperparameter or metric
     */
    public ModelVersion register(byte[] artifact, Map<String, String> hyperparameters, Map<String, Double> metrics,
                                 Map<String, Object> lineage) {
        try {
            return register(ArtifactDigest.of(artifact), out -> out.write(artifact), hyperparameters, metrics, lineage);
        } catch (IOException e) {
            // only if the array was modified while it was uploaded: nothing was registered
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /**
     * Registers the file at {@code artifact}, streamed (read twice: to hash, then to upload; a file that
     * changes in between is refused). Otherwise as {@link #register(byte[], Map, Map, Map)}.
     *
     * @throws IOException if the file cannot be read or changed while it was uploaded
     */
    public ModelVersion register(Path artifact, Map<String, String> hyperparameters, Map<String, Double> metrics,
                                 Map<String, Object> lineage) throws IOException {
        return register(ArtifactDigest.of(artifact), out -> Files.copy(artifact, out), hyperparameters, metrics, lineage);
    }

    /**
     * Registers {@code model}, serialised with {@link ModelFile#write(SvdModel, OutputStream)}; its
     * hyperparameters are the model's own. The model is serialised twice (to hash, then to upload),
     * never held as bytes.
     *
     * @throws IllegalArgumentException if the model cannot be written (see {@link ModelFile}) or a map is invalid
     */
    public ModelVersion register(SvdModel model, Map<String, Double> metrics, Map<String, Object> lineage)
            throws IOException {
        ArtifactWriter writer = out -> ModelFile.write(model, out);
        return register(ArtifactDigest.of(writer), writer, model.hyperparameters(), metrics, lineage);
    }

    private ModelVersion register(ArtifactDigest digest, ArtifactWriter writer, Map<String, String> hyperparameters,
                                  Map<String, Double> metrics, Map<String, Object> lineage) throws IOException {
        DocumentKeys.check("hyperparameters", hyperparameters, false);
        DocumentKeys.check("metrics", metrics, false);
        DocumentKeys.check("lineage", lineage, true);
        artifacts.store(digest, writer);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String base = VersionIds.of(now, digest.md5());
        for (int attempt = 1; ; attempt++) {
            String id = attempt == 1 ? base : VersionIds.withSuffix(base, attempt);
            ModelVersion version = new ModelVersion(id, digest.md5(), digest.size(), ModelStatus.CANDIDATE, now,
                    hyperparameters, metrics, lineage, null, null);
            try {
                models.insertOne(ModelDocuments.toDocument(version));
                // read back, so the caller gets the lineage exactly as every later reader will see it
                return get(id).orElseThrow();
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY || attempt >= MAX_ID_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    // ------------------------------------------------------------------ status changes

    /**
     * Makes {@code version} the production version: one atomic write of the production pointer, then
     * the statuses in {@code models} (see the class comment). Promoting an archived version is a
     * rollback; promoting the current production version changes nothing but repairs its status.
     *
     * @return the previous production version; empty if there was none or it was {@code version} itself
     * @throws UnknownVersionException    if the version is not registered; production is unchanged
     * @throws StatusTransitionException  if the version is rejected; production is unchanged
     */
    public Optional<String> promote(String version) {
        ModelVersion target = require(version);
        if (target.status() == ModelStatus.REJECTED) {
            throw new StatusTransitionException("promote", version, ModelStatus.REJECTED, target.note());
        }
        Optional<ProductionPointer> current = pointers.read();
        if (current.isPresent() && current.get().version().equals(version)) {
            markProduction(version, current.get().since());
            return Optional.empty();
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Optional<String> previous = pointers.switchTo(version, now)
                .map(ProductionPointer::version)
                .filter(v -> !v.equals(version));
        previous.ifPresent(v -> models.updateOne(
                and(eq(ModelDocuments.ID, v), ne(ModelDocuments.STATUS, ModelStatus.REJECTED.wireName())),
                set(ModelDocuments.STATUS, ModelStatus.ARCHIVED.wireName())));
        markProduction(version, now);
        return previous;
    }

    /**
     * Writes the denormalised statuses once the pointer names {@code version}: it becomes
     * {@code production}, and any other document still saying {@code production} (left stale by a crash
     * or a concurrent promotion) becomes {@code archived}.
     */
    private void markProduction(String version, Instant since) {
        models.updateOne(eq(ModelDocuments.ID, version), combine(
                set(ModelDocuments.STATUS, ModelStatus.PRODUCTION.wireName()),
                set(ModelDocuments.PROMOTED_AT, Date.from(since))));
        models.updateMany(and(eq(ModelDocuments.STATUS, ModelStatus.PRODUCTION.wireName()), ne(ModelDocuments.ID, version)),
                set(ModelDocuments.STATUS, ModelStatus.ARCHIVED.wireName()));
    }

    /**
     * Marks {@code version} rejected for good, with {@code reason} as its note. Rejecting a rejected
     * version replaces the reason.
     *
     * @throws IllegalArgumentException   if {@code reason} is blank
     * @throws UnknownVersionException    if the version is not registered
     * @throws StatusTransitionException  if it is the production version (promote another one first)
     */
    public void reject(String version, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a rejection needs a reason");
        }
        require(version);
        refuseIfProduction("reject", version);
        models.updateOne(eq(ModelDocuments.ID, version), combine(
                set(ModelDocuments.STATUS, ModelStatus.REJECTED.wireName()),
                set(ModelDocuments.NOTE, reason)));
    }

    /**
     * Retires {@code version}: it stays registered and loadable and can be promoted again later.
     * Archiving an archived version does nothing.
     *
     * @throws UnknownVersionException    if the version is not registered
     * @throws StatusTransitionException  if it is the production version, or rejected
     */
    public void archive(String version) {
        require(version);
        refuseIfProduction("archive", version);
        UpdateResult result = models.updateOne(
                and(eq(ModelDocuments.ID, version), ne(ModelDocuments.STATUS, ModelStatus.REJECTED.wireName())),
                set(ModelDocuments.STATUS, ModelStatus.ARCHIVED.wireName()));
        if (result.getMatchedCount() == 0) {
            ModelVersion now = require(version);
            throw new StatusTransitionException("archive", version, now.status(), now.note());
        }
    }

    private void refuseIfProduction(String action, String version) {
        if (productionVersion().filter(version::equals).isPresent()) {
            throw new StatusTransitionException(action, version, ModelStatus.PRODUCTION, "promote another version first");
        }
    }

    /**
     * Merges {@code metrics} into the version's metrics: each given key is set, other keys are kept.
     *
     * @throws UnknownVersionException  if the version is not registered
     * @throws IllegalArgumentException if a key is invalid or a value null
     */
    public void updateMetrics(String version, Map<String, Double> metrics) {
        DocumentKeys.check("metrics", metrics, false);
        merge(version, ModelDocuments.METRICS, metrics);
    }

    /**
     * Merges {@code lineage} into the version's lineage: each given top-level key is set (a nested
     * document replaces the old value of its key whole), other keys are kept.
     *
     * @throws UnknownVersionException  if the version is not registered
     * @throws IllegalArgumentException if a key is invalid
     */
    public void updateLineage(String version, Map<String, Object> lineage) {
        DocumentKeys.check("lineage", lineage, true);
        merge(version, ModelDocuments.LINEAGE, lineage);
    }

    private void merge(String version, String field, Map<String, ?> values) {
        if (values.isEmpty()) {
            require(version);
            return;
        }
        List<Bson> sets = new ArrayList<>(values.size());
        values.forEach((key, value) -> sets.add(set(field + "." + key, value)));
        if (models.updateOne(eq(ModelDocuments.ID, version), combine(sets)).getMatchedCount() == 0) {
            throw new UnknownVersionException(version);
        }
    }

    // ------------------------------------------------------------------ reading

    /** The version, with its status corrected by the production pointer; empty if not registered. */
    public Optional<ModelVersion> get(String version) {
        Optional<ProductionPointer> pointer = pointers.read();
        Document doc = models.find(eq(ModelDocuments.ID, version)).first();
        return Optional.ofNullable(doc).map(d -> corrected(ModelDocuments.fromDocument(d), pointer));
    }

    /** The id of the production version, read from the pointer; empty if none was ever promoted. */
    public Optional<String> productionVersion() {
        return pointers.read().map(ProductionPointer::version);
    }

    /** The production version; empty if none was ever promoted. */
    public Optional<ModelVersion> production() {
        Optional<ProductionPointer> pointer = pointers.read();
        if (pointer.isEmpty()) {
            return Optional.empty();
        }
        Document doc = models.find(eq(ModelDocuments.ID, pointer.get().version())).first();
        return Optional.ofNullable(doc).map(d -> corrected(ModelDocuments.fromDocument(d), pointer));
    }

    /** Every version, newest first, statuses corrected by the production pointer. */
    public List<ModelVersion> list() {
        return find(new Document(), null);
    }

    /** The versions with {@code status} (as corrected by the production pointer), newest first. */
    public List<ModelVersion> list(ModelStatus status) {
        Objects.requireNonNull(status, "status");
        if (status == ModelStatus.PRODUCTION) {
            return production().map(List::of).orElse(List.of());
        }
        // a stale 'production' document is reported as archived
        Bson filter = status == ModelStatus.ARCHIVED
                ? in(ModelDocuments.STATUS, ModelStatus.ARCHIVED.wireName(), ModelStatus.PRODUCTION.wireName())
                : eq(ModelDocuments.STATUS, status.wireName());
        return find(filter, status);
    }

    private List<ModelVersion> find(Bson filter, ModelStatus only) {
        Optional<ProductionPointer> pointer = pointers.read();
        List<ModelVersion> result = new ArrayList<>();
        for (Document doc : models.find(filter)
                .sort(orderBy(descending(ModelDocuments.CREATED_AT), descending(ModelDocuments.ID)))) {
            ModelVersion version = corrected(ModelDocuments.fromDocument(doc), pointer);
            if (only == null || version.status() == only) {
                result.add(version);
            }
        }
        return result;
    }

    /** {@code version} with the status the pointer implies. */
    private static ModelVersion corrected(ModelVersion version, Optional<ProductionPointer> pointer) {
        if (pointer.isPresent() && pointer.get().version().equals(version.version())) {
            return version.withStatus(ModelStatus.PRODUCTION, pointer.get().since());
        }
        if (version.status() == ModelStatus.PRODUCTION) {
            return version.withStatus(ModelStatus.ARCHIVED, version.promotedAt());
        }
        return version;
    }

    private ModelVersion require(String version) {
        Objects.requireNonNull(version, "version");
        Document doc = models.find(eq(ModelDocuments.ID, version)).first();
        if (doc == null) {
            throw new UnknownVersionException(version);
        }
        return ModelDocuments.fromDocument(doc);
    }

    // ------------------------------------------------------------------ artifacts

    /**
     * The artifact of {@code version}, verified against its registered md5 and size.
     *
     * @throws UnknownVersionException    if the version is not registered
     * @throws ArtifactCorruptedException if the stored bytes do not match
     * @throws ArtifactMissingException   if the artifact is not in GridFS
     * @throws IOException                if the artifact is too large for a byte array
     */
    public byte[] loadArtifact(String version) throws IOException {
        ModelVersion v = require(version);
        if (v.size() > MAX_ARRAY_LENGTH) {
            throw new IOException("artifact of version " + version + " has " + v.size()
                    + " bytes, too many for a byte array; use openArtifact");
        }
        try (InputStream in = openArtifact(v)) {
            return in.readAllBytes();
        }
    }

    /**
     * Opens the artifact of {@code version} as a stream that verifies it: the read that reaches the end
     * throws {@link ArtifactCorruptedException} instead of returning {@code -1} if md5 or size differ,
     * and a read past the registered size throws at once. Bytes are handed out before the end is
     * verified, so read to the end before acting on them.
     *
     * @throws UnknownVersionException    if the version is not registered
     * @throws ArtifactMissingException   if the artifact is not in GridFS
     * @throws ArtifactCorruptedException if the stored file has the wrong length
     */
    public InputStream openArtifact(String version) throws IOException {
        return openArtifact(require(version));
    }

    private InputStream openArtifact(ModelVersion version) throws IOException {
        return artifacts.open(version.version(), new ArtifactDigest(version.md5(), version.size()));
    }

    /**
     * Loads the model of {@code version}, streamed from GridFS (the artifact is not held as bytes) and
     * verified: a damaged artifact is reported as {@link ArtifactCorruptedException}, even where the model
     * reader notices the damage first.
     *
     * @throws UnknownVersionException    if the version is not registered
     * @throws ArtifactCorruptedException if the stored bytes do not match the registered md5 or size
     * @throws ArtifactMissingException   if the artifact is not in GridFS
     * @throws ModelFormatException       if the registered bytes, intact, are not a model file
     */
    public SvdModel loadModel(String version) throws IOException {
        try (InputStream in = openArtifact(version)) {
            try {
                return ModelFile.read(in);
            } catch (ModelFormatException formatProblem) {
                try {
                    in.transferTo(OutputStream.nullOutputStream());
                } catch (ArtifactCorruptedException corrupted) {
                    corrupted.addSuppressed(formatProblem);
                    throw corrupted;
                }
                throw formatProblem;
            }
        }
    }
}
