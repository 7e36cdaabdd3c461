package io.tributary.platform.query.athena;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * A local server speaking STS's Query protocol as the AWS SDK v2 sends it: a form-encoded {@code
 * POST /} with {@code Action=AssumeRole&Version=2011-06-15&RoleArn=...&RoleSessionName=...
 * &SourceIdentity=...&Tags.member.1.Key=...&Tags.member.1.Value=...&TransitiveTagKeys.member.1=...}
 * answered by XML ({@code AssumeRoleResponse/AssumeRoleResult/Credentials}) or an {@code
 * ErrorResponse} ({@code AccessDenied} for a role outside its allow-list, {@code ValidationError}
 * for a session name, source identity or tag STS's documented patterns refuse).
 *
 * <p>It issues access key ids that identify the session ({@code ASIATEST...}), so {@link
 * AthenaTestServer} knows who signs each call, and records every session's tags. It checks the
 * protocol and STS's documented input constraints, not IAM: a role's trust policy is the
 * allow-list.
 */
public final class StsTestServer implements AutoCloseable {
  private static final Pattern NAME = Pattern.compile("[\\w+=,.@-]{2,64}");
  private static final Pattern TAG_KEY = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{1,128}");
  private static final Pattern TAG_VALUE = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{0,256}");

  /** One session STS issued. */
  public record Session(
      String accessKeyId,
      String roleArn,
      String sessionName,
      String sourceIdentity,
      Map<String, String> tags,
      List<String> transitiveTagKeys,
      Instant expiration) {}

  /** One {@code AssumeRole} call, allowed or not. */
  public record Call(String roleArn, Map<String, String> form, boolean allowed) {}

  private final HttpServer server;
  private final Set<String> assumableRoles = ConcurrentHashMap.newKeySet();
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final AtomicLong issued = new AtomicLong();
  private volatile Duration validity = Duration.ofHours(1);

  public StsTestServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @Override
  public void close() {
    server.stop(0);
  }

  /** Lets the platform assume this role (as the role's trust policy would). */
  public void allow(String roleArn) {
    assumableRoles.add(roleArn);
  }

  /** How long the credentials it issues from now on are valid. */
  public void issueFor(Duration validity) {
    this.validity = validity;
  }

  /** The session an access key id belongs to. */
  public Optional<Session> session(String accessKeyId) {
    return Optional.ofNullable(sessions.get(accessKeyId));
  }

  public List<Call> calls() {
    return List.copyOf(calls);
  }

  public List<Session> sessions() {
    return List.copyOf(sessions.values());
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] bytes;
      try (InputStream in = exchange.getRequestBody()) {
        bytes = in.readAllBytes();
      }
      Map<String, String> form = form(new String(bytes, StandardCharsets.UTF_8));
      if (!"POST".equals(exchange.getRequestMethod())
          || !"AssumeRole".equals(form.get("Action"))
          || !"2011-06-15".equals(form.get("Version"))) {
        error(exchange, 400, "InvalidAction", "Could not find operation " + form.get("Action"));
        return;
      }
      String roleArn = form.getOrDefault("RoleArn", "");
      boolean allowed = assumableRoles.contains(roleArn);
      calls.add(new Call(roleArn, form, allowed));
      Map<String, String> tags = new LinkedHashMap<>();
      for (int index = 1; form.containsKey("Tags.member." + index + ".Key"); index++) {
        tags.put(
            form.get("Tags.member." + index + ".Key"),
            form.getOrDefault("Tags.member." + index + ".Value", ""));
      }
      List<String> transitive = new ArrayList<>();
      for (int index = 1; form.containsKey("TransitiveTagKeys.member." + index); index++) {
        transitive.add(form.get("TransitiveTagKeys.member." + index));
      }
      Optional<String> invalid = validate(form, tags, transitive);
      if (invalid.isPresent()) {
        error(exchange, 400, "ValidationError", invalid.get());
        return;
      }
      if (!allowed) {
        error(
            exchange,
            403,
            "AccessDenied",
            "User: arn:aws:iam::123456789012:role/tributary-platform is not authorized to perform:"
                + " sts:AssumeRole on resource: "
                + roleArn);
        return;
      }
      String accessKeyId = "ASIATEST%012d".formatted(issued.incrementAndGet());
      Instant expiration = Instant.now().plus(validity).truncatedTo(ChronoUnit.SECONDS);
      Session session =
          new Session(
              accessKeyId,
              roleArn,
              form.get("RoleSessionName"),
              form.get("SourceIdentity"),
              Map.copyOf(tags),
              List.copyOf(transitive),
              expiration);
      sessions.put(accessKeyId, session);
      String roleName = roleArn.substring(roleArn.lastIndexOf('/') + 1);
      send(
          exchange,
          200,
          """
          <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
            <AssumeRoleResult>
              <SourceIdentity>%s</SourceIdentity>
              <AssumedRoleUser>
                <AssumedRoleId>AROATEST:%s</AssumedRoleId>
                <Arn>arn:aws:sts::123456789012:assumed-role/%s/%s</Arn>
              </AssumedRoleUser>
              <Credentials>
                <AccessKeyId>%s</AccessKeyId>
                <SecretAccessKey>secret-%s</SecretAccessKey>
                <SessionToken>token-%s</SessionToken>
                <Expiration>%s</Expiration>
              </Credentials>
              <PackedPolicySize>%d</PackedPolicySize>
            </AssumeRoleResult>
            <ResponseMetadata><RequestId>%s</RequestId></ResponseMetadata>
          </AssumeRoleResponse>
          """
              .formatted(
                  xml(session.sourceIdentity()),
                  xml(session.sessionName()),
                  xml(roleName),
                  xml(session.sessionName()),
                  accessKeyId,
                  accessKeyId,
                  accessKeyId,
                  expiration,
                  tags.size(),
                  UUID.randomUUID()));
    }
  }

  /** STS's documented constraints on what the platform sends. */
  private static Optional<String> validate(
      Map<String, String> form, Map<String, String> tags, List<String> transitive) {
    String name = form.getOrDefault("RoleSessionName", "");
    if (!NAME.matcher(name).matches()) {
      return Optional.of("1 validation error detected: Value '" + name + "' at 'roleSessionName'");
    }
    String sourceIdentity = form.get("SourceIdentity");
    if (sourceIdentity != null
        && (!NAME.matcher(sourceIdentity).matches() || sourceIdentity.startsWith("aws:"))) {
      return Optional.of(
          "1 validation error detected: Value '" + sourceIdentity + "' at 'sourceIdentity'");
    }
    if (tags.size() > 50) {
      return Optional.of("Too many session tags: " + tags.size());
    }
    for (Map.Entry<String, String> tag : tags.entrySet()) {
      if (!TAG_KEY.matcher(tag.getKey()).matches()
          || !TAG_VALUE.matcher(tag.getValue()).matches()) {
        return Optional.of(
            "1 validation error detected: Value '%s' at 'tags' failed to satisfy constraint"
                .formatted(tag.getKey() + "=" + tag.getValue()));
      }
    }
    for (String key : transitive) {
      if (!tags.containsKey(key)) {
        return Optional.of("Transitive tag key " + key + " is not a session tag");
      }
    }
    return Optional.empty();
  }

  private static Map<String, String> form(String body) {
    Map<String, String> form = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String key = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      form.put(
          URLDecoder.decode(key, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return form;
  }

  private static void error(HttpExchange exchange, int status, String code, String message)
      throws IOException {
    send(
        exchange,
        status,
        """
        <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
          <Error><Type>Sender</Type><Code>%s</Code><Message>%s</Message></Error>
          <RequestId>%s</RequestId>
        </ErrorResponse>
        """
            .formatted(code, xml(message), UUID.randomUUID()));
  }

  private static void send(HttpExchange exchange, int status, String xml) throws IOException {
    byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "text/xml");
    exchange.getResponseHeaders().add("x-amzn-RequestId", UUID.randomUUID().toString());
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static String xml(String text) {
    return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
