package io.tributary.lakehouse.security;

import io.tributary.lakehouse.LakehouseException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Trino's self-signed HTTPS certificate for {@code localhost} and {@code 127.0.0.1}, made once with
 * the JDK's own {@code keytool}, and the trust material clients need to accept it.
 */
public final class TlsCertificate {
  private static final String ALIAS = "trino";

  /** The password of the client trust store; it protects nothing secret, only a certificate. */
  public static final String TRUST_STORE_PASSWORD = "tributary";

  private TlsCertificate() {}

  /**
   * Creates the key store, the PEM certificate and the trust store unless they exist.
   *
   * @param keystore the PKCS#12 key store Trino serves HTTPS with
   * @param certificate the PEM certificate clients trust
   * @param trustStore the same certificate as a PKCS#12 trust store
   */
  public static synchronized void ensure(
      Path keystore, Path certificate, Path trustStore, String keystorePassword) {
    if (Files.exists(keystore) && Files.exists(certificate) && Files.exists(trustStore)) {
      return;
    }
    try {
      Files.createDirectories(keystore.getParent());
      for (Path stale : List.of(keystore, certificate, trustStore)) {
        Files.deleteIfExists(stale);
      }
    } catch (IOException e) {
      throw new LakehouseException("Cannot prepare " + keystore.getParent(), null, e);
    }
    keytool(
        "-genkeypair",
        "-alias",
        ALIAS,
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-validity",
        "3650",
        "-dname",
        "CN=localhost, O=Tributary local lakehouse",
        "-ext",
        "SAN=dns:localhost,ip:127.0.0.1",
        "-storetype",
        "PKCS12",
        "-keystore",
        keystore.toString(),
        "-storepass",
        keystorePassword,
        "-keypass",
        keystorePassword);
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        ALIAS,
        "-keystore",
        keystore.toString(),
        "-storepass",
        keystorePassword,
        "-file",
        certificate.toString());
    keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        ALIAS,
        "-file",
        certificate.toString(),
        "-storetype",
        "PKCS12",
        "-keystore",
        trustStore.toString(),
        "-storepass",
        TRUST_STORE_PASSWORD);
  }

  /** An SSL context that trusts exactly the certificate in this PEM file. */
  public static SSLContext trusting(Path certificate) {
    try (InputStream in = Files.newInputStream(certificate)) {
      X509Certificate x509 =
          (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry(ALIAS, x509);
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new LakehouseException("Cannot read Trino's certificate " + certificate, null, e);
    }
  }

  private static void keytool(String... arguments) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(arguments));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new LakehouseException(
            "keytool %s failed: %s".formatted(arguments[0], output.strip()), null);
      }
    } catch (IOException e) {
      throw new LakehouseException("Cannot run keytool from " + command.getFirst(), null, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LakehouseException("Interrupted while running keytool", null, e);
    }
  }
}
