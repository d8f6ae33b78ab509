package dev.zoo.api.train;

import dev.zoo.api.common.InvalidSettingException;
import dev.zoo.api.common.RunInUseException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The lock a {@link TrainingLoop} holds on its run directory while it trains, so that a second run
 * or resume into the same directory is refused instead of interleaving its checkpoints and metrics
 * with the first one's.
 *
 * <p>It is an operating-system lock ({@link FileChannel#tryLock()}, {@code fcntl} on Linux) on the
 * empty file {@value #FILE} in the run directory. Such a lock belongs to the process and ends with
 * it however it ends (normal exit, {@code kill -9}, a crash), so the file a killed run leaves
 * behind never blocks the next run. The file is never deleted: another run could otherwise lock a
 * new file of the same name while the first still holds the old one.
 *
 * <p>Two loops in one JVM exclude each other through the set of lock files this JVM holds, checked
 * before the file is opened: on Linux, closing any channel of a locked file releases the process's
 * lock on it, so a run refused here must not open the file at all (and nothing else in the zoo
 * opens it).
 */
final class RunLock implements AutoCloseable {

  /** The lock file's name inside a run directory. */
  static final String FILE = ".training.lock";

  /** The lock files this JVM holds, by real path. */
  private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

  private final Path key;
  private final FileChannel channel;
  private final FileLock lock;

  private RunLock(Path key, FileChannel channel, FileLock lock) {
    this.key = key;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Locks {@code runDir}, which must exist. Where the file system offers no locks, the run goes on
   * unlocked and {@code listener} is told so.
   *
   * @throws RunInUseException when another live run, in this process or another, holds the lock
   * @throws InvalidSettingException when the lock file cannot be created
   */
  static RunLock acquire(Path runDir, TrainingListener listener) {
    Path file = runDir.resolve(FILE);
    Path key;
    try {
      key = runDir.toRealPath().resolve(FILE);
    } catch (IOException e) {
      throw cannotCreate(file, e);
    }
    if (!HELD.add(key)) {
      throw inUse(runDir);
    }
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException e) {
      HELD.remove(key);
      throw cannotCreate(file, e);
    }
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (IOException e) {
      listener.notice(
          "Run directory "
              + runDir
              + " cannot be locked ("
              + e.getMessage()
              + "), so another run into it would not be refused.");
      return new RunLock(key, channel, null);
    }
    if (lock == null) {
      closeQuietly(channel);
      HELD.remove(key);
      throw inUse(runDir);
    }
    return new RunLock(key, channel, lock);
  }

  private static RunInUseException inUse(Path runDir) {
    return new RunInUseException(
        "Run directory "
            + runDir
            + " is in use by another training run; wait for it to end or choose another --out.");
  }

  private static InvalidSettingException cannotCreate(Path file, IOException e) {
    return new InvalidSettingException(
        "Cannot create the lock file " + file + ": " + e.getMessage() + ".", e);
  }

  /** Releases the lock; the file stays. */
  @Override
  public void close() {
    try {
      if (lock != null) {
        lock.release();
      }
    } catch (IOException e) {
      // Closing the channel below releases it as well.
    } finally {
      closeQuietly(channel);
      HELD.remove(key);
    }
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // The process's lock on the file ends at the latest with the process.
    }
  }
}
