package org.movierec.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The supervisor with real child processes ({@code sh -c ...}) that crash, loop or run until stopped. */
class SupervisorTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Supervisor.Policy FAST = new Supervisor.Policy(Duration.ofMillis(50), Duration.ofMillis(200), 3,
            Duration.ofMinutes(1));

    @TempDir
    Path dir;

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final List<ShellChild> children = new ArrayList<>();
    private Supervisor supervisor;

    @AfterEach
    void stop() {
        if (supervisor != null) {
            supervisor.close();
        }
        children.forEach(ShellChild::stop);
    }

    @Test
    void anUnexpectedExitIsReportedWithTheLogTailAndRestarted() {
        ShellChild child = child("crasher", "for i in $(seq -w 1 12); do echo \"log line $i\"; done; exit 3", "sleep 60");
        supervisor().start(child);

        await().atMost(WAIT).until(() -> console().contains("crasher is back and ready"));
        assertThat(child.starts()).isEqualTo(2);
        assertThat(child.alive()).isTrue();
        assertThat(console()).contains("crasher exited unexpectedly (exit code 3)")
                .contains("| log line 03", "| log line 12").doesNotContain("log line 02")
                .contains("restarting crasher in 50 ms")
                .doesNotContain("crashing repeatedly");
        assertThat(supervisor.crashLooping("crasher")).isFalse();
    }

    @Test
    void repeatedExitsBackOffDoublingToTheCapAndAreReportedAsACrashLoop() {
        ShellChild child = child("looper", "echo cannot start; exit 1");
        supervisor().start(child);

        await().atMost(WAIT).until(() -> child.starts() >= 5);
        assertThat(supervisor.crashLooping("looper")).isTrue();
        supervisor.close();
        String out = console();
        assertThat(out).contains("looper exited unexpectedly (exit code 1)", "| cannot start");
        assertThat(out.lines().filter(l -> l.contains("restarting looper in")).map(String::strip).limit(4).toList())
                .containsExactly("restarting looper in 50 ms", "restarting looper in 100 ms",
                        "restarting looper in 200 ms", "restarting looper in 200 ms");
        assertThat(out).contains("looper is crashing repeatedly: 3 exits in 1 min");
        int firstLoopReport = out.indexOf("crashing repeatedly");
        assertThat(out.substring(0, firstLoopReport)).contains("restarting looper in 100 ms")
                .doesNotContain("restarting looper in 200 ms");
    }

    @Test
    void aHeldChildIsNotRestartedUntilReleased() {
        ShellChild child = child("steady", "sleep 60");
        supervisor().start(child);
        await().atMost(WAIT).until(child::alive);

        supervisor.hold("steady", "a drill");
        assertThat(child.alive()).isFalse();
        await().during(Duration.ofMillis(600)).atMost(WAIT).until(() -> child.starts() == 1 && !child.alive());
        assertThat(console()).contains("steady stopped on purpose (a drill)").doesNotContain("unexpectedly");

        supervisor.release("steady");
        await().atMost(WAIT).until(() -> console().contains("steady is ready again"));
        assertThat(child.starts()).isEqualTo(2);
        assertThat(child.alive()).isTrue();
        assertThat(console()).doesNotContain("unexpectedly");
    }

    @Test
    void aHoldFileInTheControlDirectoryStopsTheChildAndItsRemovalStartsItAgain() throws IOException {
        Path control = dir.resolve("control");
        Files.createDirectories(control);
        Files.writeString(control.resolve("steady.hold"), "stale, from an earlier run");
        ShellChild child = child("steady", "sleep 60");
        supervisor().start(child);
        supervisor.watchHoldFiles(control, Duration.ofMillis(100));
        assertThat(control.resolve("steady.hold")).doesNotExist();
        await().atMost(WAIT).until(child::alive);

        Files.writeString(control.resolve("steady.hold"), "bin/drill");
        await().atMost(WAIT).until(() -> supervisor.held("steady") && !child.alive());
        assertThat(console()).contains("steady stopped on purpose (hold file " + control.resolve("steady.hold") + ")");

        Files.delete(control.resolve("steady.hold"));
        await().atMost(WAIT).until(() -> console().contains("steady is ready again"));
        assertThat(child.starts()).isEqualTo(2);
        assertThat(supervisor.held("steady")).isFalse();
        assertThat(console()).doesNotContain("unexpectedly");
    }

    @Test
    void nothingIsRestartedAfterClose() {
        ShellChild child = child("steady", "sleep 60");
        supervisor().start(child);
        await().atMost(WAIT).until(child::alive);

        supervisor.close();
        child.stop();
        await().during(Duration.ofMillis(600)).atMost(WAIT).until(() -> child.starts() == 1 && !child.alive());
        assertThat(console()).doesNotContain("unexpectedly");
    }

    @Test
    void backoffDoublesFromTheFirstDelayAndStopsAtTheCap() {
        Supervisor.Policy defaults = Supervisor.Policy.defaults();
        assertThat(List.of(1, 2, 3, 4, 5, 6, 7, 20).stream().map(defaults::delayAfter).map(Duration::toSeconds))
                .containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L);
    }

    private Supervisor supervisor() {
        supervisor = new Supervisor(new Progress(new PrintStream(console, true, StandardCharsets.UTF_8)), FAST);
        return supervisor;
    }

    private String console() {
        return console.toString(StandardCharsets.UTF_8);
    }

    private ShellChild child(String name, String... scripts) {
        ShellChild child = new ShellChild(name, List.of(scripts), dir.resolve(name + ".log"));
        children.add(child);
        return child;
    }

    /** A child running the n-th script on its n-th start (the last one from then on); "ready" = running. */
    private static final class ShellChild extends ChildProcess {

        private final List<String> scripts;
        private final AtomicInteger starts = new AtomicInteger();

        ShellChild(String name, List<String> scripts, Path log) {
            super(name, log);
            this.scripts = scripts;
        }

        @Override
        List<String> nextCommand() {
            int n = starts.getAndIncrement();
            return List.of("sh", "-c", scripts.get(Math.min(n, scripts.size() - 1)));
        }

        @Override
        public void awaitReady() {
            await().atMost(WAIT).until(() -> alive() || exited());
            if (!alive()) {
                throw new IllegalStateException(name() + " exited");
            }
        }

        int starts() {
            return starts.get();
        }
    }
}
