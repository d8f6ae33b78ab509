package dev.zoo.api.engine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The zoo's engine modules by engine name (resource {@code engine-modules.properties}), so that a
 * request for an engine whose module is absent can name the dependency to add. Knows nothing else
 * about the engines: each module's {@link EngineBackend} does.
 */
final class EngineModules {

  private static final String RESOURCE = "engine-modules.properties";
  private static final Map<String, String> MODULES = read();

  private EngineModules() {}

  /** Maven coordinates by zoo engine name, in the order of the resource. */
  static Map<String, String> all() {
    return MODULES;
  }

  private static Map<String, String> read() {
    Map<String, String> modules = new LinkedHashMap<>();
    try (InputStream in = EngineModules.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        return Map.of();
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        int eq = line.indexOf('=');
        if (!line.isBlank() && !line.trim().startsWith("#") && eq > 0) {
          modules.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
        }
      }
    } catch (IOException e) {
      return Map.of();
    }
    return Collections.unmodifiableMap(modules);
  }
}
