package org.movierec.launcher;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * {@code bin/start}: the whole platform on this machine, seeded on the first start, until Ctrl-C.
 *
 * <pre>
 * usage: bin/start [--home DIR] [--sessions-per-second N]
 *   --home DIR                 data directory kept across restarts (default $MOVIEREC_HOME or ./.movierec)
 *   --sessions-per-second N    simulated user sessions a second through the router (default 5; 0 for none)
 * </pre>
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path root = Path.of(System.getProperty("movierec.root", ".")).toAbsolutePath().normalize();
        String envHome = System.getenv("MOVIEREC_HOME");
        Path home = envHome != null && !envHome.isBlank() ? Path.of(envHome) : root.resolve(".movierec");
        double sessionsPerSecond = 5;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--home" -> home = Path.of(value(args, ++i, "--home"));
                case "--sessions-per-second" -> sessionsPerSecond = number(value(args, ++i, "--sessions-per-second"));
                case "-h", "--help" -> {
                    usage();
                    return;
                }
                default -> {
                    System.err.println("unknown option: " + args[i]);
                    usage();
                    System.exit(2);
                }
            }
        }
        StackSettings settings = StackSettings.defaults(root, home).withSessionsPerSecond(sessionsPerSecond);
        Progress progress = new Progress(System.out);
        LocalStack stack;
        try {
            stack = LocalStack.start(settings, progress);
        } catch (RuntimeException e) {
            System.err.println();
            System.err.println("MovieRec did not start: " + e.getMessage());
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                System.err.println("  caused by: " + cause);
            }
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println();
            System.out.println("stopping MovieRec (data kept in " + settings.home() + ") ...");
            stack.close();
            System.out.println("stopped.");
            stopped.countDown();
        }, "movierec-shutdown"));
        System.out.println(readyMessage(stack.settings(), stack.monitoringTools(), stack.tokens().file(), progress.seconds()));
        stopped.await();
    }

    /**
     * What {@code bin/start} prints once the stack is up: the viewer's app first (the thing to open), then the curl
     * commands, the monitoring tools, where the admin tokens and logs are.
     */
    static String readyMessage(StackSettings settings, List<String> monitoringTools, Path tokensFile, double seconds) {
        int router = settings.ports().of(Service.ROUTER);
        String r = "http://127.0.0.1:" + router;
        int simulator = settings.ports().of(Service.SIMULATOR);
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%nMovieRec is up (%.0f s). Open the viewer's app first:%n%n  %s%n%n",
                seconds, viewerUrl(simulator)));
        s.append("  (pick or create a user, watch and rate, and see the list change)\n\n");
        s.append(String.format(Locale.ROOT, "Point curl at the router on port %d:%n%n", router));
        int retrain = settings.ports().of(Service.RETRAIN);
        int telemetry = settings.ports().of(Service.TELEMETRY);
        command(s, "curl " + r + "/recommend/42", "20 movie ids, best first");
        command(s, "curl -H 'Accept: application/json' " + r + "/recommend/42", "with scores and the model version");
        command(s, "curl " + r + "/experiments", "A/B experiments and canaries");
        command(s, "curl http://127.0.0.1:" + retrain + "/runs", "retrain runs; /models/<version>/lineage");
        command(s, "curl http://127.0.0.1:" + simulator + "/admin/status", "simulated traffic");
        command(s, "curl http://127.0.0.1:" + telemetry + "/q/metrics", "any service: /q/metrics, /q/health/ready");
        s.append('\n');
        for (String tool : monitoringTools) {
            s.append("  ").append(tool).append('\n');
        }
        s.append("Services that exit unexpectedly are restarted (said here). bin/drill --list: alerts to try end to end.\n");
        s.append("Admin tokens: . ").append(tokensFile).append("   (then e.g.\n");
        s.append("  curl -X POST -H \"Authorization: Bearer $RETRAIN_ADMIN_TOKEN\" http://127.0.0.1:")
                .append(settings.ports().of(Service.RETRAIN)).append("/admin/retrain )\n");
        s.append("Logs: ").append(settings.home().resolve("logs")).append(". Ctrl-C stops everything; data stays in ")
                .append(settings.home()).append(".\n");
        return s.toString();
    }

    /** The viewer's app, served by the simulator (the streaming service in dev) at its root. */
    static String viewerUrl(int simulatorPort) {
        return "http://127.0.0.1:" + simulatorPort + "/";
    }

    private static void command(StringBuilder s, String command, String comment) {
        s.append(String.format(Locale.ROOT, "  %-64s # %s%n", command, comment));
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            System.err.println(option + " needs a value");
            usage();
            System.exit(2);
        }
        return args[i];
    }

    private static double number(String text) {
        try {
            double v = Double.parseDouble(text);
            if (v < 0 || !Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            System.err.println("--sessions-per-second must be a number ≥ 0, got " + text);
            System.exit(2);
            return 0;
        }
    }

    private static void usage() {
        System.err.println("usage: bin/start [--home DIR] [--sessions-per-second N]");
    }
}
