package dev.zoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One jar made of the zoo's classes and their libraries, as shading does: with the {@code
 * META-INF/services} files merged line by line (what Maven Shade's {@code
 * ServicesResourceTransformer} does) it lists every family; with each service file replacing the
 * one before (plain unpacking) it does not.
 */
class FatJarTest {

  /**
   * The zoo's modules and the libraries {@code zoo list} needs; the engines (DJL's engine jars,
   * their natives, ONNX Runtime, TensorFlow) are left out to keep the jar small.
   */
  private static final Pattern LIBRARIES =
      Pattern.compile(
          "zoo-(api|cli|cnn|gan|vae|rnn|tabular|transformer|models|engine-[a-z]+)[/\\\\-]"
              + "|/(api|gson|picocli|slf4j-api|slf4j-simple|commons-csv|jna)-[0-9][^/]*\\.jar$");

  @TempDir Path dir;

  @Test
  void servicesMergedLineByLineListEveryFamily() throws Exception {
    Path merged = fatJar(dir.resolve("merged.jar"), true);
    Path overwritten = fatJar(dir.resolve("overwritten.jar"), false);

    int expected =
        JsonParser.parseString(Cli.run("list", "--json").ok().out())
            .getAsJsonObject()
            .getAsJsonArray("families")
            .size();
    assertTrue(expected >= 6, "built-in families: " + expected);
    assertEquals(expected, families(merged));
    assertTrue(families(overwritten) < expected, "unmerged services still listed every family");
  }

  /** The number of families {@code zoo list --json} lists when run from {@code jar} alone. */
  private int families(Path jar) throws Exception {
    Path out = dir.resolve(jar.getFileName() + ".out");
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.awt.headless=true",
                "-cp",
                jar.toString(),
                "dev.zoo.cli.Main",
                "list",
                "--json")
            .redirectOutput(out.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "zoo list did not end");
    assertEquals(0, p.exitValue(), Files.readString(out));
    return JsonParser.parseString(Files.readString(out))
        .getAsJsonObject()
        .getAsJsonArray("families")
        .size();
  }

  /**
   * Unpacks the zoo's modules and {@link #LIBRARIES} from this test's class path into one jar;
   * {@code merge} concatenates same-named service files, else the last one wins.
   */
  private static Path fatJar(Path jar, boolean merge) throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    Map<String, Set<String>> services = new LinkedHashMap<>();
    for (String element : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path path = Path.of(element);
      String name = path.getFileName().toString();
      if (!Files.exists(path)
          || name.equals("test-classes")
          || !LIBRARIES.matcher(element).find()) {
        continue;
      }
      if (Files.isDirectory(path)) {
        try (Stream<Path> walk = Files.walk(path)) {
          for (Path file : walk.filter(Files::isRegularFile).toList()) {
            add(
                entries,
                services,
                path.relativize(file).toString().replace('\\', '/'),
                Files.readAllBytes(file),
                merge);
          }
        }
      } else if (name.endsWith(".jar")) {
        try (JarFile in = new JarFile(path.toFile())) {
          for (JarEntry e : in.stream().filter(e -> !e.isDirectory()).toList()) {
            try (InputStream bytes = in.getInputStream(e)) {
              add(entries, services, e.getName(), bytes.readAllBytes(), merge);
            }
          }
        }
      }
    }
    services.forEach(
        (name, lines) ->
            entries.put(name, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8)));
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        if (e.getKey().startsWith("META-INF/") && e.getKey().matches("(?i).*\\.(sf|rsa|dsa)")) {
          continue;
        }
        out.putNextEntry(new JarEntry(e.getKey()));
        out.write(e.getValue());
        out.closeEntry();
      }
    }
    return jar;
  }

  private static void add(
      Map<String, byte[]> entries,
      Map<String, Set<String>> services,
      String name,
      byte[] bytes,
      boolean merge) {
    if (merge && name.startsWith("META-INF/services/")) {
      Set<String> lines = services.computeIfAbsent(name, k -> new LinkedHashSet<>());
      for (String line : new String(bytes, StandardCharsets.UTF_8).split("\r?\n")) {
        String provider = line.replaceFirst("#.*", "").strip();
        if (!provider.isEmpty()) {
          lines.add(provider);
        }
      }
    } else {
      entries.put(name, bytes);
    }
  }
}
