package dev.zoo.api;

/**
 * A named architecture of a family with its default hyper-parameters, e.g. {@code simple-cnn}.
 *
 * @param name the name the command line takes
 * @param summary one line for {@code zoo list} and {@code zoo info}
 * @param defaults the hyper-parameters a run starts from
 */
public record Variant(String name, String summary, Hyperparameters defaults) {}
