package io.tributary.platform.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A real local HTTP server that records what is POSTed to {@code /events} and answers 202 (or the
 * status it is told to), and lists the recorded deliveries as a JSON array at {@code GET /events},
 * so a test in another class loader can read them over HTTP too.
 */
public final class RecordingWebhook implements AutoCloseable {

  /** One delivery: its Content-Type header and its body. */
  public record Delivery(String contentType, String body) {}

  private final HttpServer server;
  private final List<Delivery> deliveries = new ArrayList<>();
  private volatile int status = 202;

  public RecordingWebhook() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/events",
        exchange -> {
          byte[] answer;
          int code;
          if (exchange.getRequestMethod().equals("POST")) {
            String body =
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            synchronized (deliveries) {
              deliveries.add(
                  new Delivery(exchange.getRequestHeaders().getFirst("Content-Type"), body));
            }
            code = status;
            answer = new byte[0];
          } else {
            StringBuilder json = new StringBuilder("[");
            synchronized (deliveries) {
              for (Delivery delivery : deliveries) {
                if (json.length() > 1) {
                  json.append(',');
                }
                json.append("{\"contentType\":\"")
                    .append(delivery.contentType())
                    .append("\",\"event\":")
                    .append(delivery.body())
                    .append('}');
              }
            }
            answer = json.append(']').toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            code = 200;
          }
          exchange.sendResponseHeaders(code, answer.length == 0 ? -1 : answer.length);
          if (answer.length > 0) {
            exchange.getResponseBody().write(answer);
          }
          exchange.close();
        });
    server.start();
  }

  /** Where to POST events. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/events");
  }

  /** Answer later POSTs with this status. */
  public void answerWith(int status) {
    this.status = status;
  }

  public List<Delivery> deliveries() {
    synchronized (deliveries) {
      return List.copyOf(deliveries);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
