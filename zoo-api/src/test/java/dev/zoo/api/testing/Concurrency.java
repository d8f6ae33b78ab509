package dev.zoo.api.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * Calls one loaded model from many threads at once and compares every answer with the one the same
 * call gave on a single thread: the check that a model is safe for concurrent use.
 */
public final class Concurrency {

  private Concurrency() {}

  /**
   * Computes {@code call(i)} for {@code i < inputs} sequentially, then lets {@code threads}
   * threads, started together, each make {@code calls} calls {@code call(i % inputs)} (each thread
   * from another starting input, so that different inputs run at the same moment) and asserts that
   * every answer equals the sequential one ({@link Objects#deepEquals}, so arrays compare by value,
   * and floats exactly) and that no call threw.
   *
   * @return the number of calls checked
   */
  public static long assertSameAnswers(int threads, int calls, int inputs, IntFunction<Object> call)
      throws Exception {
    List<Object> expected = new ArrayList<>();
    for (int i = 0; i < inputs; i++) {
      expected.add(call.apply(i));
    }
    AtomicInteger differing = new AtomicInteger();
    AtomicReference<String> first = new AtomicReference<>();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int offset = t * inputs / threads;
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int c = 0; c < calls; c++) {
                    int i = (offset + c) % inputs;
                    Object answer = call.apply(i);
                    if (!Objects.deepEquals(answer, expected.get(i))) {
                      differing.incrementAndGet();
                      first.compareAndSet(null, "input " + i + " on " + Thread.currentThread());
                    }
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(0, differing.get(), "answers differing from the sequential ones, first: " + first);
    return (long) threads * calls;
  }
}
