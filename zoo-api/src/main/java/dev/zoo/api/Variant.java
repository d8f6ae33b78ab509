package dev.zoo.api;

import dev.zoo.api.common.Hyperparameters;

/**
 * A named architecture of a family with its task and default hyper-parameters, e.g. {@code
 * simple-cnn}, an image classifier.
 *
 * @param name the name the command line takes
 * @param task what the variant's models do
 * @param summary one line for {@code zoo list} and {@code zoo info}
 * @param defaults the hyper-parameters a run starts from; they also define which names exist
 */
public record Variant(String name, Task task, String summary, Hyperparameters defaults) {}
