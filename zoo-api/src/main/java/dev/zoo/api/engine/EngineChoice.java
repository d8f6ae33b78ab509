package dev.zoo.api.engine;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;

/**
 * The engine and device a run uses, and why they were chosen.
 *
 * @param backend the chosen engine
 * @param device the device to compute on
 * @param reason one sentence saying why, printed before a run and stored in its checkpoint
 */
public record EngineChoice(EngineBackend backend, DeviceInfo device, String reason) {

  /**
   * Loads the engine, seeds its random source (parameter initialisation, dropout) and opens a
   * manager on the device for a model to own; the model closes it.
   */
  public NDManager newModelManager(long seed) {
    Engine engine = backend.load();
    engine.setRandomSeed((int) seed);
    return engine.newBaseManager(device.toDjl());
  }
}
