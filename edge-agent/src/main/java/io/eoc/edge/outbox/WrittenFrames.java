package io.eoc.edge.outbox;

import io.eoc.edge.outbox.FrameCodec.Frame;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Frames of one append that are written but not yet durable and published; writer-only. */
final class WrittenFrames {
  final List<Segment> segments = new ArrayList<>();
  final List<Frame> frames = new ArrayList<>();
  /** Each segment written to, once, in order: the files to roll back if the append fails. */
  final Set<Segment> touched = new LinkedHashSet<>();
  private Segment current;

  void touch(Segment segment) {
    touched.add(segment);
    current = segment;
  }

  /** The segment this append writes to now, null before the first frame. */
  Segment current() {
    return current;
  }

  void add(Segment segment, Frame frame) {
    segments.add(segment);
    frames.add(frame);
  }

  long lastSequence() {
    return frames.get(frames.size() - 1).sequence();
  }
}
