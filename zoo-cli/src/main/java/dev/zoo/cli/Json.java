package dev.zoo.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

/** JSON output of the command line. */
final class Json {

  private static final Gson GSON =
      new GsonBuilder()
          .setPrettyPrinting()
          .serializeNulls()
          .serializeSpecialFloatingPointValues()
          .create();

  private Json() {}

  static String write(Object value) {
    return GSON.toJson(value);
  }
}
