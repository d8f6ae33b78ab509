package dev.zoo.transformer;

/**
 * One class of a text with the probability the classifier gives it.
 *
 * @param label the class name
 * @param index the class index
 * @param probability in [0, 1]
 */
public record Classification(String label, int index, double probability) {}
