package dev.zoo.vae;

import dev.zoo.api.ModelRequest;
import dev.zoo.api.common.InvalidSettingException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The refusal of options a command does not take, naming every one of them (in the order of their
 * names) in one sentence, so the user fixes the command line once. {@link ModelRequest#allowOnly}
 * names only one, and which one depends on the map's order.
 */
final class RequestOptions {

  private RequestOptions() {}

  /**
   * Refuses the options of {@code request} outside {@code known}.
   *
   * @param what the command or model they do not apply to, e.g. {@code zoo eval vae}
   * @throws InvalidSettingException naming every option that does not apply
   */
  static void allowOnly(ModelRequest request, String what, String... known) {
    List<String> allowed = List.of(known);
    List<String> refused =
        request.options().keySet().stream()
            .filter(key -> !allowed.contains(key))
            .sorted()
            .map(key -> "--" + key.replace('_', '-'))
            .toList();
    if (!refused.isEmpty()) {
      throw new InvalidSettingException(
          refused.stream().collect(Collectors.joining(", "))
              + (refused.size() == 1 ? " does" : " do")
              + " not apply to "
              + what
              + ".");
    }
  }
}
