package dev.assumeroledoctor.inspect;

import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * A real {@code moto_server} for the test class: started on a free loopback port, reset between
 * tests on demand, stopped afterwards. The suite starts it itself; nothing else needs to run.
 */
public final class MotoServer implements BeforeAllCallback, AfterAllCallback {
    public static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
    private Process process;
    private URI endpoint;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = Files.createTempFile("moto", ".log");
        process = new ProcessBuilder(executable("moto_server"), "-H", "127.0.0.1", "-p", Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        endpoint = URI.create("http://127.0.0.1:" + port);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!ready()) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("moto_server did not start: " + Files.readString(log));
            }
            Thread.sleep(200);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    /** Forgets every resource: each test starts from an empty AWS. */
    public void reset() throws IOException {
        HttpURLConnection connection = (HttpURLConnection) endpoint.resolve("/moto-api/reset").toURL().openConnection();
        connection.setRequestMethod("POST");
        if (connection.getResponseCode() != 200) {
            throw new IOException("moto reset answered " + connection.getResponseCode());
        }
    }

    private boolean ready() {
        try {
            HttpURLConnection connection = (HttpURLConnection) endpoint.resolve("/moto-api/").toURL().openConnection();
            connection.setConnectTimeout(500);
            return connection.getResponseCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /* moto_server and cfn-lint are pyenv's: on PATH in an interactive shell, in ~/.pyenv/shims otherwise. */
    public static String executable(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, name))) {
                return Path.of(dir, name).toString();
            }
        }
        Path shim = Path.of(System.getProperty("user.home"), ".pyenv", "shims", name);
        if (Files.isExecutable(shim)) {
            return shim.toString();
        }
        throw new IllegalStateException(name + " is not installed (pip install 'moto[server]' cfn-lint); the tests need it");
    }
}
