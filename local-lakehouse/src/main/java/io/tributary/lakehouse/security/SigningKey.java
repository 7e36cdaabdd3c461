package io.tributary.lakehouse.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

/**
 * The RSA key pair the local lakehouse signs tokens with. The private key never leaves the state
 * folder; Trino (and later the platform API) verify tokens against the public key file.
 */
public final class SigningKey {
  /** The key id in every token's header. */
  public static final String KEY_ID = "tributary-local";

  private final RSAPrivateKey privateKey;
  private final RSAPublicKey publicKey;

  private SigningKey(RSAPrivateKey privateKey, RSAPublicKey publicKey) {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
  }

  /** A fresh key pair that is never written anywhere; tests use it to forge tokens. */
  public static SigningKey generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair pair = generator.generateKeyPair();
      return new SigningKey((RSAPrivateKey) pair.getPrivate(), (RSAPublicKey) pair.getPublic());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("This JDK cannot generate RSA keys", e);
    }
  }

  /** Reads the key pair from these PEM files, generating and writing it first if absent. */
  public static synchronized SigningKey loadOrCreate(Path privateKeyFile, Path publicKeyFile) {
    try {
      if (!Files.exists(privateKeyFile)) {
        SigningKey key = generate();
        Files.createDirectories(privateKeyFile.getParent());
        Path temporary = privateKeyFile.resolveSibling(privateKeyFile.getFileName() + ".tmp");
        Files.writeString(temporary, pem("PRIVATE KEY", key.privateKey.getEncoded()));
        try {
          Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
          // Not a POSIX file system.
        }
        Files.writeString(publicKeyFile, pem("PUBLIC KEY", key.publicKey.getEncoded()));
        Files.move(temporary, privateKeyFile);
        return key;
      }
      return load(privateKeyFile);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the signing key to " + privateKeyFile, e);
    }
  }

  /** Reads an existing private key; the public key is derived from it. */
  public static SigningKey load(Path privateKeyFile) {
    try {
      String text = Files.readString(privateKeyFile);
      byte[] der =
          Base64.getMimeDecoder()
              .decode(
                  text.replace("-----BEGIN PRIVATE KEY-----", "")
                      .replace("-----END PRIVATE KEY-----", "")
                      .strip());
      KeyFactory factory = KeyFactory.getInstance("RSA");
      RSAPrivateCrtKey privateKey =
          (RSAPrivateCrtKey) factory.generatePrivate(new PKCS8EncodedKeySpec(der));
      RSAPublicKey publicKey =
          (RSAPublicKey)
              factory.generatePublic(
                  new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
      return new SigningKey(privateKey, publicKey);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the signing key " + privateKeyFile, e);
    } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
      throw new IllegalStateException(privateKeyFile + " does not hold a PKCS#8 RSA key", e);
    }
  }

  public RSAPrivateKey privateKey() {
    return privateKey;
  }

  public RSAPublicKey publicKey() {
    return publicKey;
  }

  /** The public key as a PEM document, the form Trino's {@code jwt.key-file} reads. */
  public String publicKeyPem() {
    return pem("PUBLIC KEY", publicKey.getEncoded());
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }
}
