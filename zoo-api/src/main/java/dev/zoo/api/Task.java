package dev.zoo.api;

/** What a model family does, shown by {@code zoo list}. */
public enum Task {
  IMAGE_CLASSIFICATION,
  IMAGE_GENERATION,
  REPRESENTATION_LEARNING,
  TEXT_GENERATION,
  TEXT_CLASSIFICATION,
  TIME_SERIES_FORECASTING,
  TABULAR_CLASSIFICATION;

  /** The lower-case, hyphenated name, e.g. {@code image-classification}. */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
