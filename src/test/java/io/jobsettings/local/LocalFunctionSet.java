package io.jobsettings.local;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.jobsettings.testing.LocalStores;
import io.jobsettings.testing.S3Server;

/**
 * Runs the whole function set on this machine without AWS or Docker: starts the local stores, then each handler as
 * its own process of {@code function.zip} under AWS's Runtime Interface Client, the same code that runs Java
 * functions in Lambda, polling its own local Runtime API. An event POSTed to a handler's port is handed to that
 * handler and its answer comes back as the HTTP response, as with {@code sam local invoke}.
 */
public final class LocalFunctionSet {

    /** LOCAL_PORT, 9001 unless set: the handlers' ports count up from it and the stand-ins' port is above it. */
    static final int FIRST_PORT = portFromEnvironment();

    /** True unless the user asks for the production address rules; the stand-ins on loopback need it true. */
    static final String ALLOW_INSECURE_TARGETS = System.getenv().getOrDefault("ALLOW_INSECURE_TARGETS", "true");

    /** Handler name and the port of its local Runtime API. */
    static final Map<String, Integer> HANDLERS = new LinkedHashMap<>();

    static {
        HANDLERS.put("settings", FIRST_PORT);
        HANDLERS.put("link", FIRST_PORT + 1);
        HANDLERS.put("launch", FIRST_PORT + 2);
        HANDLERS.put("completion", FIRST_PORT + 3);
    }

    /** Set when the run is stopped, so that functions ending with it are not started again. */
    private static final AtomicBoolean STOPPING = new AtomicBoolean();

    private LocalFunctionSet() {
    }

    private static int portFromEnvironment() {
        String value = System.getenv().getOrDefault("LOCAL_PORT", "9001");
        int port = value.matches("\\d{4,5}") ? Integer.parseInt(value) : -1;
        if (port < 1024 || port > 65_400) {
            System.err.println("local run failed: LOCAL_PORT must be a port from 1024 to 65400, not '" + value + "'");
            System.exit(1);
        }
        return port;
    }

    public static void main(String[] args) throws Exception {
        try {
            run();
        } catch (IllegalStateException e) {
            System.err.println("local run failed: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void run() throws Exception {
        if (!ALLOW_INSECURE_TARGETS.equals("true") && !ALLOW_INSECURE_TARGETS.equals("false")) {
            throw new IllegalStateException("ALLOW_INSECURE_TARGETS must be true or false, not '"
                    + ALLOW_INSECURE_TARGETS + "'");
        }
        Path root = Path.of("").toAbsolutePath();
        List<LocalRuntimeApi> runtimeApis = new ArrayList<>();
        for (Map.Entry<String, Integer> handler : HANDLERS.entrySet()) {
            runtimeApis.add(LocalRuntimeApi.start(handler.getValue(), "local-" + handler.getKey()));
        }
        WireMockServer standIns = LocalStandIns.start();
        String classpath = FunctionPackage.unpack(root).classpath();
        LocalStores stores = LocalStores.start(root);
        LocalStandIns.putSampleJobDetails(root, stores);
        LocalJobApis jobApis = LocalJobApis.start();
        List<Process> functions = new java.util.concurrent.CopyOnWriteArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            STOPPING.set(true);
            functions.forEach(Process::destroy);
            runtimeApis.forEach(LocalRuntimeApi::close);
            standIns.stop();
            jobApis.close();
            stores.close();
        }));

        int index = 0;
        List<Thread> keepers = new ArrayList<>();
        for (String handler : HANDLERS.keySet()) {
            java.nio.file.Files.deleteIfExists(root.resolve("target/local-" + handler + ".log"));
            LocalRuntimeApi runtimeApi = runtimeApis.get(index++);
            Thread keeper = new Thread(() -> keepRunning(root, classpath, handler, runtimeApi, stores, jobApis,
                    functions), "keep-" + handler);
            keeper.start();
            keepers.add(keeper);
        }
        printWhereEverythingIs(stores, jobApis);
        for (Thread keeper : keepers) {
            keeper.join();
        }
    }

    /** Starts the function and starts it again whenever it exits, as Lambda starts a fresh environment. */
    private static void keepRunning(Path root, String classpath, String handler, LocalRuntimeApi runtimeApi,
            LocalStores stores, LocalJobApis jobApis, List<Process> functions) {
        try {
            while (!STOPPING.get()) {
                Process function = startFunction(root, classpath, handler, runtimeApi, stores, jobApis);
                functions.add(function);
                int exit = function.waitFor();
                functions.remove(function);
                if (STOPPING.get()) {
                    return;
                }
                System.err.printf("%s exited with code %d; starting it again (see target/local-%s.log)%n",
                        handler, exit, handler);
                Thread.sleep(1000);
            }
        } catch (IOException e) {
            System.err.println("could not start " + handler + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Process startFunction(Path root, String classpath, String handler, LocalRuntimeApi runtimeApi,
            LocalStores stores, LocalJobApis jobApis) throws IOException {
        Path log = root.resolve("target/local-" + handler + ".log");
        ProcessBuilder process = new ProcessBuilder(FunctionPackage.command(classpath))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = process.environment();
        env.putAll(functionEnvironment(stores));
        env.putAll(jobApis.environment());
        env.put("ALLOW_INSECURE_TARGETS", ALLOW_INSECURE_TARGETS);
        env.put("QUARKUS_LAMBDA_HANDLER", handler);
        env.put("AWS_LAMBDA_RUNTIME_API", runtimeApi.address());
        env.put("AWS_LAMBDA_FUNCTION_NAME", "local-" + handler);
        return process.start();
    }

    /** What template.yaml sets in AWS, pointed at the local stores and accepting the stand-ins as targets. */
    public static Map<String, String> functionEnvironment(LocalStores stores) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_REGION", LocalStores.REGION);
        env.put("AWS_ACCESS_KEY_ID", S3Server.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", S3Server.SECRET_KEY);
        env.put("SETTINGS_TABLE", LocalStores.TABLE);
        env.put("JOBS_BUCKET", LocalStores.JOBS_BUCKET);
        env.put("DEFAULT_STORAGE_BUCKET", LocalStores.DEFAULT_STORAGE_BUCKET);
        env.put("SECRETS_KEY", LocalStores.SECRETS_KEY);
        env.put("ALLOW_INSECURE_TARGETS", "true");
        env.put("DATADOG_API_URL", LocalStandIns.BASE_URL + "/datadog");
        env.put("AUTH_MODE", System.getenv().getOrDefault("AUTH_MODE", "jwt"));
        env.put("QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE", stores.dynamoEndpoint());
        env.put("QUARKUS_S3_ENDPOINT_OVERRIDE", stores.s3().endpoint());
        env.put("QUARKUS_S3_PATH_STYLE_ACCESS", "true");
        env.put("QUARKUS_S3_CHECKSUM_VALIDATION", "false");
        return env;
    }

    private static void printWhereEverythingIs(LocalStores stores, LocalJobApis jobApis) {
        System.out.println();
        System.out.println("Local function set is running. Send an event to a handler with curl, for example:");
        System.out.println("  curl -s -d @events/settings-put.json http://127.0.0.1:" + FIRST_PORT + "/");
        System.out.println();
        HANDLERS.forEach((handler, port) -> System.out.printf(
                "  %-11s http://127.0.0.1:%d/   (log: target/local-%s.log)%n", handler, port, handler));
        System.out.println("  DynamoDB    " + stores.dynamoEndpoint() + "   table " + LocalStores.TABLE);
        System.out.println("  S3          " + stores.s3().endpoint() + "   buckets " + LocalStores.JOBS_BUCKET + ", "
                + LocalStores.DEFAULT_STORAGE_BUCKET);
        System.out.println("  Stand-ins   " + LocalStandIns.BASE_URL + "   webhook /hooks/..., Slack /slack/..., "
                + "Datadog /datadog/...; what they received: " + LocalStandIns.BASE_URL + "/__admin/requests");
        if (LocalStandIns.PORT != LocalStandIns.SAMPLE_PORT) {
            System.out.printf("              the stand-ins sample names port %d; send it as: "
                    + "sed 's/127.0.0.1:%d/127.0.0.1:%d/g' events/settings-put-local-stand-ins.json"
                    + " | curl -s -d @- http://127.0.0.1:%d/%n",
                    LocalStandIns.SAMPLE_PORT, LocalStandIns.SAMPLE_PORT, LocalStandIns.PORT, FIRST_PORT);
        }
        if (ALLOW_INSECURE_TARGETS.equals("false")) {
            System.out.println("              ALLOW_INSECURE_TARGETS=false: the production target rules apply, "
                    + "so the stand-ins are refused as targets");
        }
        System.out.println("  job runner  " + jobApis.jobRunnerUrl() + "/v1   (requests: "
                + jobApis.jobRunnerUrl() + "/__admin/requests)");
        System.out.println("  Scheduler   " + jobApis.schedulerUrl() + "   (requests: " + jobApis.schedulerUrl()
                + "/__admin/requests)");
        System.out.println("Stop with Ctrl-C, or kill -TERM " + ProcessHandle.current().pid() + ".");
    }

}
