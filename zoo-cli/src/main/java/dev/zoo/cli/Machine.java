package dev.zoo.cli;

import dev.zoo.api.checkpoint.Provenance;
import dev.zoo.api.engine.EngineSpeeds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The machine a benchmark ran on, as its report states it: cores, CPU model (from {@code
 * /proc/cpuinfo}), load average at the start and at the end (from {@code /proc/loadavg}), the date,
 * the OS, and the Java, zoo and DJL versions.
 */
final class Machine {

  private final ZonedDateTime started = ZonedDateTime.now().truncatedTo(ChronoUnit.SECONDS);
  private final String loadAtStart = loadAverage();
  private String loadAtEnd;

  /** Notes the load average at the end of the benchmark. */
  void finished() {
    loadAtEnd = loadAverage();
  }

  /** The 1, 5 and 15 minute load averages when the benchmark started. */
  String loadAtStart() {
    return loadAtStart;
  }

  /** The date the benchmark started, e.g. {@code 2026-11-29}. */
  String date() {
    return started.toLocalDate().toString();
  }

  /** What the report states, by key. */
  Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("date", started.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    map.put("cores", Runtime.getRuntime().availableProcessors());
    map.put("cpu", cpuModel());
    map.put("load_average_start", loadAtStart);
    map.put("load_average_end", loadAtEnd);
    map.put("omp_num_threads", System.getenv("OMP_NUM_THREADS"));
    map.put(
        "os",
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " "
            + System.getProperty("os.arch"));
    map.put("java", System.getProperty("java.version"));
    map.put("zoo", Provenance.currentZooVersion());
    map.put("djl", EngineSpeeds.djlVersion());
    return map;
  }

  /** The machine in one line: {@code 2 cores, AMD EPYC, load average 0.10 at start, ...}. */
  String describe() {
    return String.format(
        "%d cores, %s, load average %s at start and %s at end%s; %s; Java %s",
        Runtime.getRuntime().availableProcessors(),
        cpuModel(),
        loadAtStart,
        loadAtEnd == null ? "?" : loadAtEnd,
        System.getenv("OMP_NUM_THREADS") == null
            ? ""
            : ", OMP_NUM_THREADS=" + System.getenv("OMP_NUM_THREADS"),
        toMap().get("os"),
        System.getProperty("java.version"));
  }

  /** The first {@code model name} of {@code /proc/cpuinfo}, else the architecture. */
  static String cpuModel() {
    for (String line : lines("/proc/cpuinfo")) {
      if (line.startsWith("model name")) {
        return line.substring(line.indexOf(':') + 1).trim();
      }
    }
    return System.getProperty("os.arch");
  }

  /** The 1, 5 and 15 minute load averages, e.g. {@code 0.12 0.30 0.25}, or {@code unknown}. */
  static String loadAverage() {
    List<String> lines = lines("/proc/loadavg");
    if (lines.isEmpty()) {
      return "unknown";
    }
    String[] fields = lines.get(0).trim().split("\\s+");
    return fields.length < 3 ? "unknown" : fields[0] + " " + fields[1] + " " + fields[2];
  }

  private static List<String> lines(String file) {
    try {
      return Files.readAllLines(Path.of(file));
    } catch (IOException e) {
      return List.of();
    }
  }
}
