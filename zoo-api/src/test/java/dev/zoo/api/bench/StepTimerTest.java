package dev.zoo.api.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zoo.api.train.EpochResult;
import dev.zoo.api.train.StepPlan;
import dev.zoo.api.train.TrainingListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Training throughput after warm-up, from a run's progress, without the pauses between epochs. */
class StepTimerTest {

  @Test
  void leavesOutTheWarmUpAndTheFirstStepOfEveryEpochAndPassesEverythingOn() {
    List<String> heard = new ArrayList<>();
    TrainingListener inner =
        new TrainingListener() {
          @Override
          public void stepFinished(
              int epoch, int epochs, long done, long total, Map<String, Double> running) {
            heard.add("step " + epoch + ":" + done);
          }

          @Override
          public void epochFinished(EpochResult result, int epochs, String unit) {
            heard.add("epoch " + result.epoch());
          }
        };
    StepTimer timer = new StepTimer(inner, 2);
    timer.started(new StepPlan(96, 32, 2, 0), 0);
    for (int epoch = 1; epoch <= 2; epoch++) {
      for (long done = 32; done <= 96; done += 32) {
        timer.stepFinished(epoch, 2, done, 96, Map.of());
      }
      timer.epochFinished(new EpochResult(epoch, Map.of(), 1, 1), 2, "images");
    }

    // Steps 1 and 2 are warm-up; step 3 is timed from step 2; steps 4 (first of epoch 2) cannot
    // be timed; steps 5 and 6 are.
    assertEquals(3, timer.timedSteps());
    assertEquals(96, timer.timedExamples());
    assertTrue(timer.examplesPerSecond() > 0);
    assertEquals(8, heard.size(), heard::toString);
    assertEquals("epoch 2", heard.get(7));
  }

  @Test
  void aRunNoLongerThanTheWarmUpCountsEveryStepItCanTime() {
    StepTimer timer = new StepTimer(TrainingListener.NONE, 10);
    timer.started(new StepPlan(64, 16, 1, 0), 0);
    for (long done = 16; done <= 64; done += 16) {
      timer.stepFinished(1, 1, done, 64, Map.of());
    }
    assertEquals(3, timer.timedSteps());
    assertEquals(48, timer.timedExamples());

    StepTimer idle = new StepTimer(TrainingListener.NONE, 10);
    assertTrue(Double.isNaN(idle.examplesPerSecond()));
  }
}
