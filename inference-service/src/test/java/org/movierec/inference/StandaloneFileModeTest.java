package org.movierec.inference;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.movierec.core.model.ModelFile;

/**
 * Standalone mode: MODEL_FILE serves one file, reloaded when it changes; a bad file never serves. Each test first
 * puts the file it starts from in place ({@link #serving}); the service (one per JVM and profile) stays.
 */
@QuarkusTest
@TestProfile(StandaloneFileModeTest.FileProfile.class)
class StandaloneFileModeTest {

    static final Path DIR;
    static final Path MODEL;

    static {
        try {
            DIR = Files.createTempDirectory("inference-file-mode");
            MODEL = DIR.resolve("model.bin");
            ModelFile.write(TestModels.trained(11), MODEL);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static class FileProfile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("inference.model-file", MODEL.toString());
        }
    }

    static String reloadAndGetVersion() {
        given().header("Authorization", InferenceServiceTest.TOKEN).post("/admin/reload").then().statusCode(200);
        return given().get("/recommend/7").then().statusCode(200).extract().header("X-Model-Version");
    }

    /** Replaces the served file at once (as an operator should: write aside, then move over it). */
    static void replaceModelFile(byte[] bytes) throws IOException {
        Path next = Files.createTempFile(DIR, "next", ".bin");
        Files.write(next, bytes);
        Files.move(next, MODEL, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static byte[] modelBytes(long seed) throws IOException {
        Path file = Files.createTempFile(DIR, "model-" + seed, ".bin");
        ModelFile.write(TestModels.trained(seed), file);
        byte[] bytes = Files.readAllBytes(file);
        Files.delete(file);
        return bytes;
    }

    /** Puts the model of {@code seed} in the served file and has it loaded; its version. */
    static String serving(long seed) throws IOException {
        replaceModelFile(modelBytes(seed));
        return reloadAndGetVersion();
    }

    @Test
    void servesTheFile() throws IOException {
        String version = serving(11);
        org.assertj.core.api.Assertions.assertThat(version).startsWith("file-");
        given().get("/recommend/7").then().body(matchesPattern("[^,]+(,[^,]+){19}\\n?"));
    }

    @Test
    void aNewFileIsSwappedIn() throws IOException {
        String first = serving(11);
        replaceModelFile(modelBytes(12));
        String second = reloadAndGetVersion();
        org.assertj.core.api.Assertions.assertThat(second).startsWith("file-").isNotEqualTo(first);
    }

    @Test
    void aCorruptedFileNeverServes() throws IOException {
        String good = serving(12);
        byte[] bytes = Files.readAllBytes(MODEL);
        bytes[bytes.length / 2] ^= 0x7f;
        replaceModelFile(bytes);
        org.assertj.core.api.Assertions.assertThat(reloadAndGetVersion()).isEqualTo(good);
    }

    @Test
    void popularIsTheProductionModelsPopularityList() throws IOException {
        String version = serving(11);
        // an unknown user gets the production model's popularity list: /popular must answer the same list
        String fallback = given().get("/recommend/987654321").then().statusCode(200).extract().asString().strip();
        given().get("/popular?size=20").then().statusCode(200).header("X-Model-Version", version)
                .contentType(startsWith("text/plain")).body(equalTo(fallback));
        String[] ids = fallback.split(",");
        given().get("/popular?size=3").then().statusCode(200).body(equalTo(ids[0] + "," + ids[1] + "," + ids[2]));
        given().accept(ContentType.JSON).get("/popular?size=5").then().statusCode(200)
                .body("modelVersion", equalTo(version))
                .body("items.movieId", contains(ids[0], ids[1], ids[2], ids[3], ids[4]))
                .body("items.score", everyItem(notNullValue()));
        for (String bad : new String[] {"0", "-1", "1001", "x", "2.5"}) {
            given().get("/popular?size=" + bad).then().statusCode(400).body("detail", containsString("size must be an integer"));
        }
    }
}
