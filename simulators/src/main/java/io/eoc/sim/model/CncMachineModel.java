package io.eoc.sim.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A vertical machining centre (数控机床, jiangsu-2023 §三(二)1 智能装备) making one part over and
 * over on the day shift.
 *
 * <p>States: idle (0), running a cycle (1), alarm (2). On shift (08:00–12:00 and 13:00–20:00
 * local time) the machine runs the part program: rough milling, drilling and finishing with tool
 * changes between them, ≈ 220 s at 100 % feed; then the operator takes 45 s to change the part
 * (idle). The part counter increments when a cycle completes, and only then. The feed override
 * (50–120 %) shortens or lengthens the cutting time and raises or lowers the spindle load in
 * proportion (the metal removal rate goes with the feed). Tools wear: spindle load rises by up
 * to 15 % over a tool's 150-part life, after which the machine stops with alarm 2001 (tool life
 * expired) until the operator changes the tool. Other alarms (servo, coolant, door interlock,
 * spindle overload) come at random, about every 3 h of cutting, and an operator clears them
 * after about 6 minutes; an aborted part is not counted. Writing running = 0 is a feed hold and
 * stops the program; writing running = 1 resets an alarm and resumes automatic operation.
 */
public final class CncMachineModel extends SimulatedModel {

  public static final String KIND = "cnc-machine";
  public static final int IDLE = 0;
  public static final int RUNNING = 1;
  public static final int ALARM = 2;
  /** Alarm raised when a tool reaches the end of its life. */
  public static final int TOOL_LIFE_ALARM = 2001;
  public static final int TOOL_LIFE_PARTS = 150;

  private static final List<Operation> PROGRAM = List.of(
      new Operation(70, 6000, 55), new Operation(6, 0, 0), new Operation(45, 3200, 40),
      new Operation(6, 0, 0), new Operation(90, 9000, 22));
  private static final int[] RANDOM_ALARMS = {101, 201, 301, 401};
  private static final double PART_CHANGE_S = 45;
  private static final double MEAN_ALARM_INTERVAL_S = 3 * 3600;
  private static final double MEAN_ALARM_S = 6 * 60;

  private boolean enabled = true;
  private int state = IDLE;
  private int alarmCode;
  private double alarmLeft;
  private double feedOverride = 100;
  private int operation;
  private double operationLeft;
  private double cycleElapsed;
  private double lastCycle;
  private double partChangeLeft;
  private int toolParts;
  private long parts;
  private double spindle;
  private double load;
  // measured
  private double measuredLoad;

  public CncMachineModel(long seed, Instant start) {
    super(KIND, Category.INTELLIGENT, seed, start, Duration.ofMillis(500));
    this.parts = random.nextInt(100_000);
    this.toolParts = random.nextInt(TOOL_LIFE_PARTS);
    restartProgram();
    table.write(TagSpec.state("running", 1, "0 feed hold, 1 automatic operation"),
            () -> enabled ? 1 : 0, this::setEnabled)
        .read(TagSpec.state("state", 2, "0 idle, 1 running, 2 alarm"), () -> state)
        .read(TagSpec.state("alarm_code", 9999, "0 none, 101 spindle overload, 201 servo"
            + " following error, 301 coolant low, 401 door interlock, 2001 tool life expired"),
            () -> alarmCode)
        .read(TagSpec.analog("spindle_speed", "rpm", 0, 12000, 1), () -> spindle)
        .read(TagSpec.analog("spindle_load", "%", 0, 150, 0.1), () -> measuredLoad)
        .write(TagSpec.analog("feed_override", "%", 50, 120, 1), () -> feedOverride,
            v -> feedOverride = v)
        .read(TagSpec.counter("part_count", "", 1e9, 1), () -> parts)
        .read(TagSpec.analog("cycle_time", "s", 0, 3600, 0.1), () -> lastCycle);
    measure();
  }

  private void setEnabled(double value) {
    enabled = value == 1;
    if (!enabled || state == ALARM) {
      // Feed hold or reset: the program returns to its start; the part in the machine is scrap.
      state = IDLE;
      alarmCode = 0;
      restartProgram();
    }
  }

  @Override
  void advance(double h) {
    boolean randomAlarm = Physics.happens(random, h, MEAN_ALARM_INTERVAL_S);
    double alarmDuration = Physics.exponential(random, MEAN_ALARM_S);
    int alarm = RANDOM_ALARMS[random.nextInt(RANDOM_ALARMS.length)];
    if (state == ALARM) {
      alarmLeft -= h;
      if (alarmLeft <= 0) {
        state = IDLE;
        alarmCode = 0;
        if (toolParts >= TOOL_LIFE_PARTS) {
          toolParts = 0;
        }
        restartProgram();
      }
    } else if (state == RUNNING && randomAlarm) {
      raise(alarm, alarmDuration);
    } else if (state == RUNNING) {
      cut(h);
    } else if (enabled && onShift()) {
      partChangeLeft -= h;
      if (partChangeLeft <= 0) {
        state = RUNNING;
        cycleElapsed = 0;
      }
    }
    Operation op = state == RUNNING ? PROGRAM.get(operation) : Operation.NONE;
    spindle = Physics.lag(spindle, op.rpm(), 0.4, h);
    if (op.rpm() == 0 && spindle < 1) {
      spindle = 0; // stopped, not creeping toward 0 forever
    }
    load = Physics.lag(load, op.load() * feedOverride / 100 * wear(), 0.5, h);
  }

  private void cut(double h) {
    cycleElapsed += h;
    operationLeft -= h * feedOverride / 100;
    if (operationLeft > 0) {
      return;
    }
    operation++;
    if (operation < PROGRAM.size()) {
      operationLeft += PROGRAM.get(operation).seconds();
      return;
    }
    parts++;
    toolParts++;
    lastCycle = cycleElapsed;
    restartProgram();
    state = IDLE;
    if (toolParts >= TOOL_LIFE_PARTS) {
      raise(TOOL_LIFE_ALARM, MEAN_ALARM_S);
    }
  }

  private void raise(int code, double seconds) {
    state = ALARM;
    alarmCode = code;
    alarmLeft = seconds;
  }

  private void restartProgram() {
    operation = 0;
    operationLeft = PROGRAM.get(0).seconds();
    partChangeLeft = PART_CHANGE_S;
  }

  /** Spindle load rises by up to 15 % as the tool wears. */
  private double wear() {
    return 1 + 0.15 * Math.min(1, (double) toolParts / TOOL_LIFE_PARTS);
  }

  private boolean onShift() {
    double hour = localHour();
    return (hour >= 8 && hour < 12) || (hour >= 13 && hour < 20);
  }

  @Override
  void measure() {
    double noise = random.nextGaussian();
    measuredLoad = load < 0.5 ? 0 : Physics.clamp(load * (1 + 0.03 * noise), 0, 150);
  }

  private record Operation(double seconds, double rpm, double load) {
    static final Operation NONE = new Operation(0, 0, 0);
  }
}
