package dev.assumeroledoctor.notify;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A local HTTP endpoint that records requests and answers with a fixed status and body (or one given for a path). */
final class LocalEndpoint implements AutoCloseable {
    record Request(String method, String path, String query, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
                    .map(e -> e.getValue().get(0)).orElse("");
        }
    }

    final List<Request> requests = new CopyOnWriteArrayList<>();
    /* path to "status body" */
    private final Map<String, String> byPath = new java.util.concurrent.ConcurrentHashMap<>();
    private final HttpServer server;

    LocalEndpoint(int status, String contentType, String answer) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            requests.add(new Request(exchange.getRequestMethod(), path, String.valueOf(exchange.getRequestURI().getQuery()),
                    exchange.getRequestHeaders(), new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            String special = byPath.get(path);
            byte[] body = (special == null ? answer : special.substring(special.indexOf(' ') + 1)).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", contentType);
            exchange.sendResponseHeaders(special == null ? status : Integer.parseInt(special.substring(0, special.indexOf(' '))), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    /** Answers requests to this path with this status and body instead. */
    LocalEndpoint answer(String path, int status, String body) {
        byPath.put(path, status + " " + body);
        return this;
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
