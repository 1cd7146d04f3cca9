package dev.passoff.distribution.passoff;

import dev.passoff.cli.PassoffCli;
import dev.passoff.distribution.wiring.Settings;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/** Entry point of the {@code passoff} artifact: the CLI, and {@code serve} for MCP over stdio. */
public final class PassoffMain {
  /** System property the launcher sets to its own absolute path. */
  static final String LAUNCHER_PROPERTY = "passoff.launcher";

  private PassoffMain() {}

  public static void main(String[] args) {
    // stdout belongs to the protocol (serve) or to command output: keep the real stream for those
    // and send everything else that might print, libraries included, to stderr.
    FileOutputStream rawOut = new FileOutputStream(FileDescriptor.out);
    PrintStream stdout = new PrintStream(rawOut, false, StandardCharsets.UTF_8);
    System.setOut(System.err);
    PrintStream stderr =
        new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    int code;
    if (args.length == 1 && Training.COMMAND.equals(args[0])) {
      code = Training.run(stderr);
    } else {
      code = run(args, System.in, stdout, rawOut, stderr, System.getenv(), terminalStdin());
    }
    stdout.flush();
    stderr.flush();
    System.exit(code);
  }

  /**
   * Runs one command with explicit streams and environment; returns the exit code. {@code out}
   * takes command output; {@code protocolOut}, the unbuffered stream under it, carries MCP.
   */
  static int run(
      String[] args,
      InputStream in,
      PrintStream out,
      OutputStream protocolOut,
      PrintStream err,
      Map<String, String> env,
      boolean stdinIsTerminal) {
    Settings settings =
        new Settings(
            env,
            Path.of(System.getProperty("user.home")),
            Path.of("").toAbsolutePath(),
            version(),
            launcher(),
            err::println,
            stdinIsTerminal);
    return PassoffCli.run(
        args,
        new ComponentCliServices(
            settings, () -> DaggerPassoffComponent.factory().create(settings), in, protocolOut),
        in,
        out,
        err);
  }

  /**
   * The Passoff version: from the jar's manifest, which the JVM has read already, else (classes run
   * from a build folder) from the filtered {@code version.properties}. Looking a resource up costs
   * a short command tens of milliseconds, so the manifest comes first.
   */
  static String version() {
    String fromManifest = PassoffMain.class.getPackage().getImplementationVersion();
    if (fromManifest != null) {
      return fromManifest;
    }
    try (InputStream in = PassoffMain.class.getResourceAsStream("version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "0.0.0");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The launcher script's path, else the jar's neighbouring {@code bin/passoff}, else the jar. */
  static Path launcher() {
    String fromLauncher = System.getProperty(LAUNCHER_PROPERTY);
    if (fromLauncher != null && !fromLauncher.isBlank()) {
      return Path.of(fromLauncher).toAbsolutePath();
    }
    try {
      Path jar =
          Path.of(PassoffMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      for (Path dir = jar.getParent(); dir != null; dir = dir.getParent()) {
        Path candidate = dir.resolve("bin").resolve("passoff");
        if (Files.isExecutable(candidate)) {
          return candidate;
        }
      }
      return jar;
    } catch (java.net.URISyntaxException | RuntimeException e) {
      return Path.of("passoff");
    }
  }

  /** Whether stdin is a terminal; on Linux read from /proc, elsewhere from the console. */
  private static boolean terminalStdin() {
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/0")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return System.console() != null;
    }
  }
}
