package dev.zoo.api.train;

import java.util.Map;

/**
 * The figures of one finished epoch.
 *
 * @param epoch the epoch number, from 1
 * @param metrics training averages ({@code train_*}) and evaluation results
 * @param examplesPerSecond training throughput over the epoch, in the task's units (e.g. tokens)
 * @param seconds wall time of the epoch including evaluation
 */
public record EpochResult(
    int epoch, Map<String, Double> metrics, double examplesPerSecond, double seconds) {}
