package dev.zoo.api.engine;

/**
 * The engine and device a run uses, and why they were chosen.
 *
 * @param backend the chosen engine
 * @param device the device to compute on
 * @param reason one sentence saying why, printed before a run and stored in its checkpoint
 */
public record EngineChoice(EngineBackend backend, DeviceInfo device, String reason) {}
