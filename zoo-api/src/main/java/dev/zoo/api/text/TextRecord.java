package dev.zoo.api.text;

/**
 * One record of a text corpus: a quotation of a fortune file, a line of a CSV, or a whole plain
 * text file.
 *
 * @param label where the record came from (the file name for fortune files), used as its class
 * @param text the record's text
 */
public record TextRecord(String label, String text) {}
