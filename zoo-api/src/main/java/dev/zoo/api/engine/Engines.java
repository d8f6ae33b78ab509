package dev.zoo.api.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The one place where a job gets its engine: {@link #choose} is what the command line, the builders
 * of new models and the loaders of saved ones all call, through an {@link EngineSelector} over the
 * backends registered on the class path.
 */
public final class Engines {

  private static volatile EngineSelector selector;

  private Engines() {}

  /** The backends registered with {@link ServiceLoader} on this class's class path. */
  public static List<EngineBackend> discover(ClassLoader loader) {
    List<EngineBackend> found = new ArrayList<>();
    for (EngineBackend backend : ServiceLoader.load(EngineBackend.class, loader)) {
      found.add(backend);
    }
    found.sort(Comparator.comparingInt(EngineBackend::preference));
    return found;
  }

  /** A selector over the backends on the class path, found once. */
  public static EngineSelector selector() {
    EngineSelector s = selector;
    if (s == null) {
      s = new EngineSelector(discover(Engines.class.getClassLoader()));
      selector = s;
    }
    return s;
  }

  /**
   * Chooses the engine and device for a job from the backends on the class path.
   *
   * @param job what the engine is for, used in messages, e.g. {@code "training cnn/simple-cnn"}
   * @param needs the operations the job needs
   * @param request the engine and device asked for; unnamed ones come from the environment
   * @throws dev.zoo.api.common.EngineException when no engine fits, naming what each one lacks
   */
  public static EngineChoice choose(String job, Set<Op> needs, EngineRequest request) {
    return selector().choose(job, needs, request);
  }
}
