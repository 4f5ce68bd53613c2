package dev.assumeroledoctor.faults;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A small HTTP proxy in front of moto that injects the faults real AWS produces: throttling, server
 * errors, a call that hangs, and a call that succeeded but answered 500. Faults are chosen per API
 * operation (the {@code X-Amz-Target} of JSON protocols, the {@code Action} of query protocols);
 * every request's operation is recorded, so tests count calls. Loopback only, bounded: a hang lasts
 * {@code hangMillis} and the pool is closed with the proxy.
 */
public final class FaultProxy implements AutoCloseable {
    public enum Fault { THROTTLE, SERVER_ERROR, HANG, SUCCEEDED_BUT_500, ACCESS_DENIED }

    private record Rule(String operation, Fault fault, int[] remaining) {
    }

    public final List<String> operations = new CopyOnWriteArrayList<>();
    /** When each forwarded request arrived and was answered (nanoTime): the dependency depth of a run is read from them. */
    public final List<Timing> timings = new CopyOnWriteArrayList<>();

    /** One forwarded request: its operation, when it arrived and when it was answered (nanoTime). */
    public record Timing(String operation, long arrived, long answered) {
    }
    private volatile long latencyMillis;
    /** Every request's operation and body, URL-decoded: tests check what was asked of whom. */
    public final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final URI target;
    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(48);
    private final long hangMillis;

    public FaultProxy(URI target, long hangMillis) throws IOException {
        this.target = target;
        this.hangMillis = hangMillis;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(pool);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The next {@code times} requests of this operation (every one, for a negative count) get the fault. */
    public void inject(String operation, Fault fault, int times) {
        rules.add(new Rule(operation, fault, new int[] {times}));
    }

    /** Every forwarded request waits this long before it is answered, as a distant region would make it. */
    public void latency(long millis) {
        latencyMillis = millis;
    }

    /**
     * Waves: a request belongs to the wave after the deepest request answered before it arrived, so
     * requests a client could issue together count once, whatever their number.
     */
    public int waves(java.util.function.Predicate<String> counted) {
        return waveOf(counted).values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    /** Each counted request, "operation#n", with its wave: what a benchmark prints to show the chain. */
    public java.util.Map<String, Integer> waveOf(java.util.function.Predicate<String> counted) {
        List<Timing> sorted = new java.util.ArrayList<>(timings.stream().filter(t -> counted.test(t.operation())).toList());
        sorted.sort(java.util.Comparator.comparingLong(Timing::arrived));
        int[] wave = new int[sorted.size()];
        java.util.Map<String, Integer> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < sorted.size(); i++) {
            wave[i] = 1;
            for (int j = 0; j < i; j++) {
                if (sorted.get(j).answered() <= sorted.get(i).arrived()) {
                    wave[i] = Math.max(wave[i], wave[j] + 1);
                }
            }
            out.put(sorted.get(i).operation() + "#" + i, wave[i]);
        }
        return out;
    }

    public void clear() {
        rules.clear();
        operations.clear();
        requests.clear();
        timings.clear();
    }

    public long count(String operation) {
        return operations.stream().filter(operation::equals).count();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String operation = operation(exchange, new String(body, StandardCharsets.UTF_8));
            operations.add(operation);
            requests.add(operation + " " + decoded(new String(body, StandardCharsets.UTF_8)));
            Fault fault = take(operation);
            if (fault == Fault.HANG) {
                sleep();
                return; // no answer at all
            }
            if (fault == Fault.THROTTLE) {
                error(exchange, 400, json(exchange) ? "ThrottlingException" : "Throttling", "Rate exceeded");
                return;
            }
            if (fault == Fault.ACCESS_DENIED) {
                error(exchange, 403, json(exchange) ? "AccessDeniedException" : "AccessDenied", "User is not authorized to perform this action");
                return;
            }
            if (fault == Fault.SERVER_ERROR) {
                error(exchange, 500, json(exchange) ? "InternalServerError" : "InternalFailure", "We encountered an internal error");
                return;
            }
            long arrived = System.nanoTime();
            if (latencyMillis > 0) {
                sleep(latencyMillis);
            }
            HttpURLConnection upstream = forward(exchange, body);
            int status = upstream.getResponseCode();
            InputStream in = status >= 400 ? upstream.getErrorStream() : upstream.getInputStream();
            byte[] answer = in == null ? new byte[0] : in.readAllBytes();
            if (fault == Fault.SUCCEEDED_BUT_500) {
                error(exchange, 500, json(exchange) ? "InternalServerError" : "InternalFailure", "We encountered an internal error");
                return;
            }
            upstream.getHeaderFields().forEach((name, values) -> {
                if (name != null && !name.equalsIgnoreCase("Transfer-Encoding") && !name.equalsIgnoreCase("Content-Length")) {
                    values.forEach(v -> exchange.getResponseHeaders().add(name, v));
                }
            });
            // recorded before the answer leaves: a client that has its answer always finds the call counted
            timings.add(new Timing(operation, arrived, System.nanoTime()));
            exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
            exchange.getResponseBody().write(answer);
        }
    }

    private synchronized Fault take(String operation) {
        for (Rule rule : rules) {
            if (rule.operation.equals(operation) && rule.remaining[0] != 0) {
                rule.remaining[0]--;
                return rule.fault;
            }
        }
        return null;
    }

    private HttpURLConnection forward(HttpExchange exchange, byte[] body) throws IOException {
        URI uri = target.resolve(exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        connection.setRequestMethod(exchange.getRequestMethod());
        for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
            if (!header.getKey().equalsIgnoreCase("Host") && !header.getKey().equalsIgnoreCase("Content-Length")) {
                header.getValue().forEach(v -> connection.addRequestProperty(header.getKey(), v));
            }
        }
        if (body.length > 0) {
            connection.setDoOutput(true);
            connection.getOutputStream().write(body);
        }
        return connection;
    }

    private static String operation(HttpExchange exchange, String body) {
        String amzTarget = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if (amzTarget != null) {
            return amzTarget.substring(amzTarget.lastIndexOf('.') + 1);
        }
        List<String> params = new ArrayList<>(List.of(body.split("&")));
        if (exchange.getRequestURI().getRawQuery() != null) {
            params.addAll(List.of(exchange.getRequestURI().getRawQuery().split("&")));
        }
        for (String param : params) {
            if (param.startsWith("Action=")) {
                return URLDecoder.decode(param.substring(7), StandardCharsets.UTF_8);
            }
        }
        return exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
    }

    private static String decoded(String body) {
        try {
            return URLDecoder.decode(body.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return body; // not form-encoded (a JSON protocol)
        }
    }

    private static boolean json(HttpExchange exchange) {
        return exchange.getRequestHeaders().getFirst("X-Amz-Target") != null;
    }

    private static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        boolean json = json(exchange);
        String text = json ? "{\"__type\":\"" + code + "\",\"message\":\"" + message + "\"}"
                : "<ErrorResponse><Error><Type>" + (status >= 500 ? "Receiver" : "Sender") + "</Type><Code>" + code + "</Code><Message>"
                + message + "</Message></Error><RequestId>fault-proxy</RequestId></ErrorResponse>";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", json ? "application/x-amz-json-1.0" : "text/xml");
        exchange.getResponseHeaders().add("x-amzn-ErrorType", code);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private void sleep() {
        sleep(hangMillis);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
