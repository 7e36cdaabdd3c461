package io.tributary.platform.catalog.glue;

/**
 * Gives the AWS SDK's default credentials chain something to sign with when tests point clients at
 * local protocol-level servers; the platform itself leaves credentials to that chain.
 */
public final class AwsTestCredentials {
  private AwsTestCredentials() {}

  /** Sets {@code aws.accessKeyId} and {@code aws.secretAccessKey} unless already set. */
  public static void install() {
    if (System.getProperty("aws.accessKeyId") == null) {
      System.setProperty("aws.accessKeyId", "test");
      System.setProperty("aws.secretAccessKey", "test");
    }
  }
}
