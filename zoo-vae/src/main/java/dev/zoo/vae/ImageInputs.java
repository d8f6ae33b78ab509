package dev.zoo.vae;

import dev.zoo.api.ModelRequest;
import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.common.InvalidSettingException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The image files named on {@code zoo encode vae} or {@code zoo score vae}, read at the size of the
 * checkpoint's model before anything native is loaded, so that a bad file is refused first.
 *
 * @param checkpoint the verified checkpoint
 * @param names the files as they were named
 * @param images their grey pixels, {@code height * width} values in [0, 1] each
 */
record ImageInputs(Checkpoint checkpoint, List<String> names, List<float[]> images) {

  /**
   * Checks {@code request} for {@code verb} (no options, at least one file), opens its checkpoint
   * and reads every file.
   *
   * @throws InvalidSettingException for an option or without files
   * @throws dev.zoo.api.common.CheckpointException when the checkpoint is missing or not a VAE's
   * @throws dev.zoo.api.common.InvalidDataException when a file is missing, not an image, or of
   *     another size
   */
  static ImageInputs read(ModelRequest request, String verb) {
    request.allowOnly("zoo " + verb + " " + VaeFamily.NAME);
    if (request.inputs().isEmpty()) {
      throw new InvalidSettingException("Name at least one PNG or JPEG image to " + verb + ".");
    }
    Checkpoint cp = Checkpoint.open(request.checkpoint(), VaeFamily.NAME);
    List<Integer> shape = cp.info().inputShape();
    List<float[]> images = new ArrayList<>();
    for (String input : request.inputs()) {
      images.add(ImageFiles.read(Path.of(input), shape.get(1), shape.get(2)));
    }
    return new ImageInputs(cp, request.inputs(), images);
  }
}
