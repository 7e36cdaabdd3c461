import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Copies the platform's Trino group file to the file Trino's file group provider rereads: Trino 476
 * takes groups only from a local file, and a cluster's coordinator shares no disk with the API.
 *
 * <p>Run by the Trino image's own JDK as a single source file ({@code java GroupFileSync.java}),
 * so the chart needs no image of its own. Settings come from the environment: {@code GROUPS_URL},
 * {@code GROUPS_FILE}, {@code GROUPS_REFRESH_PERIOD} (Trino's notation: {@code 500ms}, {@code 5s},
 * {@code 1m}) and {@code TRIBUTARY_TRINO_RULES_SECRET}, sent as the {@code secret} parameter and
 * never printed. With {@code --once} it copies once and exits, waiting for the API for up to five
 * minutes and then writing an empty file, so Trino can start while the API cannot answer;
 * otherwise it copies every period for ever. A failed copy keeps the previous file.
 */
public class GroupFileSync {
  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

  public static void main(String[] arguments) throws Exception {
    boolean once = arguments.length > 0 && arguments[0].equals("--once");
    URI source = source(required("GROUPS_URL"), required("TRIBUTARY_TRINO_RULES_SECRET"));
    Path target = Path.of(required("GROUPS_FILE"));
    Duration period = duration(System.getenv().getOrDefault("GROUPS_REFRESH_PERIOD", "5s"));
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    if (once) {
      long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
      while (!copy(client, source, target)) {
        if (System.nanoTime() > deadline) {
          System.err.println("The API did not answer; Trino starts with no groups until it does");
          if (!Files.exists(target)) {
            replace(target, "");
          }
          return;
        }
        Thread.sleep(Math.max(1000, period.toMillis()));
      }
      return;
    }
    while (true) {
      copy(client, source, target);
      Thread.sleep(period.toMillis());
    }
  }

  /** Copies the group file once; whether it succeeded. */
  static boolean copy(HttpClient client, URI source, Path target) throws InterruptedException {
    try {
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(source).timeout(Duration.ofSeconds(10)).GET().build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (response.statusCode() != 200) {
        System.err.println("The groups request was answered " + response.statusCode());
        return false;
      }
      String current = Files.exists(target) ? Files.readString(target) : null;
      if (!response.body().equals(current)) {
        replace(target, response.body());
      }
      return true;
    } catch (IOException failure) {
      System.err.println("Cannot copy the groups: " + failure);
      return false;
    }
  }

  /** Replaces the file in one move, so Trino never reads half of it. */
  static void replace(Path target, String content) throws IOException {
    Path temporary = Files.createTempFile(target.toAbsolutePath().getParent(), ".groups", ".tmp");
    Files.writeString(temporary, content, StandardCharsets.UTF_8);
    Files.move(
        temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  static URI source(String url, String secret) {
    return URI.create(
        url
            + (url.contains("?") ? "&" : "?")
            + "secret="
            + URLEncoder.encode(secret, StandardCharsets.UTF_8));
  }

  static Duration duration(String text) {
    Matcher matcher = DURATION.matcher(text.trim());
    if (!matcher.matches()) {
      throw new IllegalArgumentException(
          "GROUPS_REFRESH_PERIOD '" + text + "' is not a duration such as 500ms, 5s or 1m");
    }
    long amount = Long.parseLong(matcher.group(1));
    return switch (matcher.group(2)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      default -> Duration.ofHours(amount);
    };
  }

  private static String required(String variable) {
    String value = System.getenv(variable);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("The environment variable " + variable + " is not set");
    }
    return value;
  }
}
