package io.eoc.ingest.services;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the optimisation strategies in the cloud: one daemon thread that, every {@code tick},
 * evaluates each enabled strategy whose {@code every} has passed since its last decision. Each
 * evaluation is one use of {@code optimisation} (the service is in use when it decides) and one data
 * read and write, but no user's activity: a machine is not a user, and the monthly user usage rate
 * counts people. A strategy whose evaluation fails is logged and gets a decision 'error'
 * saying why; the others are evaluated all the same.
 */
public final class OptimisationScheduler implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OptimisationScheduler.class);
  public static final Duration DEFAULT_TICK = Duration.ofSeconds(1);
  private final Optimisation optimisation;
  private final Usage usage;
  private final Duration tick;
  private volatile Thread thread;

  public OptimisationScheduler(Optimisation optimisation, Usage usage, Duration tick) {
    this.optimisation = optimisation;
    this.usage = usage;
    this.tick = tick;
  }

  /** Starts the thread; {@link #close} stops it. */
  public OptimisationScheduler start() {
    Thread t = new Thread(this::loop, "eoc-optimiser");
    t.setDaemon(true);
    thread = t;
    t.start();
    return this;
  }

  private void loop() {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        runDue();
      } catch (Exception e) {
        log.warn("optimisation strategies could not be listed: {}", e.toString());
      }
      try {
        Thread.sleep(tick.toMillis());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Evaluates the strategies due now; returns how many were evaluated, failed ones included. */
  public int runDue() throws java.sql.SQLException {
    List<Long> due = optimisation.due();
    int evaluatedCount = 0;
    for (long id : due) {
      try {
        Optional<Optimisation.Decision> evaluated = optimisation.evaluateIfDue(id);
        if (evaluated.isEmpty()) {
          continue; // another cloud instance evaluated it meanwhile, or it was disabled
        }
        evaluatedCount++;
        Optimisation.Decision d = evaluated.get();
        usage.record(Optional.of(Service.OPTIMISATION), Optional.empty(), 1, 1);
        if (d.action().equals("hold")) {
          log.debug("optimisation strategy {}: {} ({})", id, d.action(), d.reason());
        } else {
          log.info("optimisation strategy {}: {} ({})", id, d.action(), d.reason());
        }
      } catch (Exception e) {
        evaluatedCount++;
        log.warn("optimisation strategy {} could not be evaluated: {}", id, e.toString());
        try {
          optimisation.failed(id, e);
        } catch (Exception again) {
          log.warn("and its failure could not be recorded: {}", again.toString());
        }
      }
    }
    return evaluatedCount;
  }

  @Override
  public void close() throws InterruptedException {
    Thread t = thread;
    if (t != null) {
      t.interrupt();
      t.join(5_000);
    }
  }
}
