package io.tributary.lakehouse;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Properties;

/**
 * The local lakehouse's credentials, generated once on the first start and kept in the state folder
 * (readable by its owner only), so that a restart finds every component with the same keys.
 *
 * @param s3AccessKey S3Proxy's identity
 * @param s3SecretKey S3Proxy's credential
 * @param catalogUser the H2 user of the Iceberg JDBC catalog
 * @param catalogPassword its password
 * @param trinoSharedSecret Trino's internal-communication secret
 * @param keystorePassword the password of Trino's HTTPS key store
 */
public record Secrets(
    String s3AccessKey,
    String s3SecretKey,
    String catalogUser,
    String catalogPassword,
    String trinoSharedSecret,
    String keystorePassword) {

  /** Reads the secrets of this state folder, creating them first if there are none. */
  public static synchronized Secrets loadOrCreate(StateLayout layout) {
    Path file = layout.secrets();
    try {
      if (!Files.exists(file)) {
        Files.createDirectories(file.getParent());
        Properties created = new Properties();
        created.setProperty("s3.access-key", "tributary-" + random(4));
        created.setProperty("s3.secret-key", random(20));
        created.setProperty("catalog.user", "tributary");
        created.setProperty("catalog.password", random(16));
        created.setProperty("trino.shared-secret", random(32));
        created.setProperty("tls.keystore-password", random(16));
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer writer = Files.newBufferedWriter(temporary)) {
          created.store(writer, "Credentials of the local lakehouse; generated once, keep private");
        }
        restrictToOwner(temporary);
        Files.move(temporary, file);
      }
      return load(layout);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create " + file, e);
    }
  }

  /** Reads the secrets of an existing state folder. */
  public static Secrets load(StateLayout layout) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(layout.secrets())) {
      properties.load(reader);
    } catch (IOException e) {
      throw new LakehouseException(
          "Cannot read the local lakehouse's secrets; has it ever been started with ./tributary up?",
          null,
          e);
    }
    return new Secrets(
        properties.getProperty("s3.access-key"),
        properties.getProperty("s3.secret-key"),
        properties.getProperty("catalog.user"),
        properties.getProperty("catalog.password"),
        properties.getProperty("trino.shared-secret"),
        properties.getProperty("tls.keystore-password"));
  }

  public static void restrictToOwner(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: the folder's own permissions are all there is.
    }
  }

  private static String random(int bytes) {
    byte[] value = new byte[bytes];
    new SecureRandom().nextBytes(value);
    return HexFormat.of().formatHex(value);
  }
}
