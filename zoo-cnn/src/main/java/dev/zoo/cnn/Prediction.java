package dev.zoo.cnn;

/**
 * One class and its probability for an image.
 *
 * @param label the class name
 * @param index the class index
 * @param probability the softmax probability
 */
public record Prediction(String label, int index, double probability) {}
