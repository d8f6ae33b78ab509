package dev.zoo.transformer;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Turns the UTF-8 bytes of sampled tokens into text as soon as each character is complete: a byte
 * pair may end in the middle of a character, which the next token completes. Bytes that never form
 * valid UTF-8 become U+FFFD.
 */
final class StreamingText {

  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE);
  private final Consumer<String> stream;
  private final StringBuilder all = new StringBuilder();
  private ByteBuffer pending = ByteBuffer.allocate(0);

  /** Text that hands every completed piece to {@code stream}. */
  StreamingText(Consumer<String> stream) {
    this.stream = stream;
  }

  /** Adds the bytes of one token. */
  void add(byte[] bytes) {
    ByteBuffer in = ByteBuffer.allocate(pending.remaining() + bytes.length);
    in.put(pending).put(bytes).flip();
    CharBuffer out = CharBuffer.allocate(in.remaining() + 1);
    decoder.decode(in, out, false);
    pending = in.slice();
    emit(out);
  }

  /** Decodes what is left and returns the whole text. */
  String finish() {
    CharBuffer out = CharBuffer.allocate(pending.remaining() + 2);
    decoder.decode(pending, out, true);
    decoder.flush(out);
    emit(out);
    return all.toString();
  }

  private void emit(CharBuffer out) {
    out.flip();
    if (out.hasRemaining()) {
      String s = out.toString();
      all.append(s);
      stream.accept(s);
    }
  }
}
