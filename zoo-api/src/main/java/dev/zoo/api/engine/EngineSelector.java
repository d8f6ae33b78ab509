package dev.zoo.api.engine;

import dev.zoo.api.common.EngineException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Chooses the engine for a job: an explicit choice wins (and is refused when it lacks what the job
 * needs); otherwise the best available engine whose offers cover the needs, GPU before CPU, then by
 * each engine's preference. An engine that offers none of the zoo's operations (ONNX Runtime, which
 * runs ONNX files rather than DJL blocks) is never chosen automatically.
 */
public final class EngineSelector {

  private final List<EngineBackend> backends;
  private final EngineSpeeds speeds;

  /**
   * Creates a selector over the given backends with the measured speeds of {@link
   * EngineSpeeds#load()}.
   */
  public EngineSelector(List<EngineBackend> backends) {
    this(backends, EngineSpeeds.load());
  }

  /** Creates a selector over the given backends with the given measured speeds. */
  public EngineSelector(List<EngineBackend> backends, EngineSpeeds speeds) {
    this.backends = List.copyOf(backends);
    this.speeds = speeds;
  }

  /**
   * Chooses an engine and device.
   *
   * @param job what the engine is for, used in messages, e.g. "training cnn/simple-cnn"
   * @param needs the operations the job needs
   * @param request the engine and device asked for; unnamed ones come from {@code ZOO_ENGINE} and
   *     {@code ZOO_DEVICE}, and what is still unnamed is chosen here
   * @return the choice with its reason
   * @throws EngineException when no engine fits, naming what each one lacks
   */
  public EngineChoice choose(String job, Set<Op> needs, EngineRequest request) {
    EngineRequest resolved = request.resolved();
    String explicitEngine = resolved.engine();
    String explicitDevice = resolved.device();
    if (explicitEngine != null) {
      EngineBackend backend = byName(explicitEngine);
      if (!backend.isAvailable()) {
        throw new EngineException(
            "Engine " + backend.name() + " is not available: " + backend.unavailableReason() + ".");
      }
      Set<Op> missing = backend.declaredOffers().missing(needs);
      if (!missing.isEmpty()) {
        throw new EngineException(
            "Engine "
                + backend.name()
                + " cannot run "
                + job
                + ": it lacks "
                + describe(missing)
                + "; engines that can: "
                + namesCovering(needs)
                + ".");
      }
      DeviceInfo device = device(backend, explicitDevice);
      return new EngineChoice(backend, device, backend.name() + " on " + device + ", as requested");
    }
    List<EngineBackend> fitting = new ArrayList<>();
    for (EngineBackend backend : backends) {
      Offers offers = backend.declaredOffers();
      if (backend.isAvailable() && !offers.ops().isEmpty() && offers.missing(needs).isEmpty()) {
        fitting.add(backend);
      }
    }
    if (fitting.isEmpty()) {
      throw new EngineException("No engine can run " + job + ": " + whyNot(needs) + ".");
    }
    boolean wantCpu =
        explicitDevice != null && explicitDevice.trim().toLowerCase(Locale.ROOT).equals("cpu");
    Comparator<EngineBackend> onGpu =
        Comparator.comparing((EngineBackend b) -> wantCpu || !b.declaredOffers().gpu());
    fitting.sort(onGpu.thenComparingInt(EngineBackend::preference));
    boolean gpu = !wantCpu && fitting.get(0).declaredOffers().gpu();
    List<EngineBackend> sameDevice =
        fitting.stream().filter(b -> gpu == (!wantCpu && b.declaredOffers().gpu())).toList();
    Optional<EngineSpeeds.Measurement> measured = speeds.lookup(job, gpu ? "gpu" : "cpu");
    String why = gpu ? "a GPU engine that covers the needs of " + job : null;
    if (measured.isPresent() && measuredCount(measured.get(), sameDevice) >= 2) {
      Map<String, Double> perSecond = measured.get().perSecond();
      List<EngineBackend> ranked = new ArrayList<>(sameDevice);
      ranked.sort(
          Comparator.comparingDouble((EngineBackend b) -> -perSecond.getOrDefault(b.name(), 0.0)));
      fitting.removeAll(ranked);
      fitting.addAll(0, ranked);
      why = fastest(ranked, perSecond, job, measured.get());
    }
    EngineBackend best = fitting.get(0);
    DeviceInfo device = device(best, explicitDevice);
    String others =
        fitting.size() > 1
            ? " (also able: "
                + fitting.subList(1, fitting.size()).stream()
                    .map(EngineBackend::name)
                    .collect(Collectors.joining(", "))
                + ")"
            : "";
    String reason =
        best.name()
            + " on "
            + device
            + ": "
            + (why != null ? why : "the preferred engine that covers the needs of " + job)
            + others;
    return new EngineChoice(best, device, reason);
  }

  private static long measuredCount(EngineSpeeds.Measurement m, List<EngineBackend> candidates) {
    return candidates.stream().filter(b -> m.perSecond().containsKey(b.name())).count();
  }

  /** E.g. "1.9x mxnet's speed at training gan/dcgan, measured 2026-11-29 by zoo bench". */
  private static String fastest(
      List<EngineBackend> ranked,
      Map<String, Double> perSecond,
      String job,
      EngineSpeeds.Measurement m) {
    EngineBackend first = ranked.get(0);
    EngineBackend second = ranked.get(1);
    double ratio = perSecond.get(first.name()) / Math.max(perSecond.get(second.name()), 1e-12);
    return String.format(
        Locale.ROOT,
        "the fastest engine that covers the needs of %s, %.1fx %s's speed (measured %s by %s)",
        job,
        ratio,
        second.name(),
        m.measured(),
        m.source());
  }

  private EngineBackend byName(String name) {
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    for (EngineBackend backend : backends) {
      if (backend.name().equals(wanted) || backend.djlEngine().equalsIgnoreCase(wanted)) {
        return backend;
      }
    }
    String module = EngineModules.all().get(wanted);
    if (module != null) {
      throw new EngineException(
          "Engine "
              + wanted
              + " is not available: its module "
              + module
              + " is not on the class path.");
    }
    throw new EngineException(
        "Unknown engine '"
            + name
            + "'; known engines: "
            + backends.stream().map(EngineBackend::name).collect(Collectors.joining(", "))
            + ".");
  }

  private static DeviceInfo device(EngineBackend backend, String explicitDevice) {
    if (explicitDevice == null || explicitDevice.isBlank()) {
      return backend.declaredOffers().gpu() ? new DeviceInfo("gpu", 0) : DeviceInfo.CPU;
    }
    String d = explicitDevice.trim().toLowerCase(Locale.ROOT);
    if (d.equals("cpu")) {
      return DeviceInfo.CPU;
    }
    if (d.matches("gpu(\\(\\d+\\)|:?\\d+)?")) {
      if (!backend.declaredOffers().gpu()) {
        throw new EngineException(
            "Device "
                + explicitDevice
                + " is not available: engine "
                + backend.name()
                + " has no GPU on this machine.");
      }
      String digits = d.replaceAll("\\D", "");
      return new DeviceInfo("gpu", digits.isEmpty() ? 0 : Integer.parseInt(digits));
    }
    throw new EngineException("Unknown device '" + explicitDevice + "'; use cpu, gpu or gpu(N).");
  }

  private String namesCovering(Set<Op> needs) {
    String names =
        backends.stream()
            .filter(b -> b.declaredOffers().missing(needs).isEmpty())
            .map(b -> b.name() + (b.isAvailable() ? "" : " (not installed)"))
            .collect(Collectors.joining(", "));
    return names.isEmpty() ? "none" : names;
  }

  private String whyNot(Set<Op> needs) {
    List<String> parts = new ArrayList<>();
    for (EngineBackend backend : backends) {
      if (!backend.isAvailable()) {
        parts.add(backend.name() + " is not available (" + backend.unavailableReason() + ")");
      } else {
        Set<Op> missing = backend.declaredOffers().missing(needs);
        parts.add(
            backend.name()
                + (missing.isEmpty()
                    ? " runs none of the zoo's operations"
                    : " lacks " + describe(missing)));
      }
    }
    if (parts.isEmpty()) {
      return EngineModules.all().values().stream()
          .findFirst()
          .map(m -> "no engine is on the class path; add an engine module such as " + m)
          .orElse("no engine is on the class path");
    }
    return String.join("; ", parts);
  }

  /** Names operations for a message, e.g. "training and 2-D convolution". */
  public static String describe(Set<Op> ops) {
    List<String> names = ops.stream().map(Op::description).toList();
    if (names.size() <= 1) {
      return String.join("", names);
    }
    return String.join(", ", names.subList(0, names.size() - 1))
        + " and "
        + names.get(names.size() - 1);
  }
}
