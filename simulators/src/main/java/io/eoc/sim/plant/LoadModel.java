package io.eoc.sim.plant;

import io.eoc.sim.model.Category;
import io.eoc.sim.model.EquipmentModel;
import io.eoc.sim.model.TagSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A synthetic device for load tests: every tag a phase-shifted sine, 60 frames computed once and
 * shared by every device of a load plant, one frame per step. No physics; cheap to serve.
 */
final class LoadModel implements EquipmentModel {

  static final String KIND = "load-generator";
  private static final int FRAMES = 60;

  private final Frames frames;
  private final Instant start;
  private int frame;
  private Duration elapsed = Duration.ZERO;

  LoadModel(Frames frames, int offset, Instant start) {
    this.frames = frames;
    this.frame = Math.floorMod(offset, FRAMES);
    this.start = Objects.requireNonNull(start, "start");
  }

  /** The tags and their precomputed values, shared by the devices of a load plant. */
  static final class Frames {
    final List<TagSpec> tags;
    final Map<String, Integer> index = new HashMap<>();
    final double[][] values;

    Frames(int tagCount) {
      List<TagSpec> specs = new ArrayList<>();
      values = new double[FRAMES][tagCount];
      for (int j = 0; j < tagCount; j++) {
        String name = String.format("tag_%05d", j);
        specs.add(TagSpec.analog(name, "", 0, 1000, 0.1));
        index.put(name, j);
        for (int f = 0; f < FRAMES; f++) {
          double phase = 2 * Math.PI * ((double) f / FRAMES + (double) j / tagCount);
          values[f][j] = Math.round(5000 + 4000 * Math.sin(phase)) / 10.0;
        }
      }
      tags = List.copyOf(specs);
    }
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public Category category() {
    return Category.OTHER;
  }

  @Override
  public List<TagSpec> tags() {
    return frames.tags;
  }

  @Override
  public Instant now() {
    return start.plus(elapsed);
  }

  @Override
  public void step(Duration dt) {
    frame = (frame + 1) % FRAMES;
    elapsed = elapsed.plus(dt);
  }

  @Override
  public double value(String tag) {
    Integer j = frames.index.get(tag);
    if (j == null) {
      throw new IllegalArgumentException("unknown tag '" + tag + "' of " + KIND);
    }
    return frames.values[frame][j];
  }

  @Override
  public void write(String tag, double value) {
    value(tag);
    throw new IllegalArgumentException("tag '" + tag + "' of " + KIND + " is read-only;"
        + " writable tags: none");
  }
}
