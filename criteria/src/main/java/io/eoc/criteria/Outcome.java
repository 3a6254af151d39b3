package io.eoc.criteria;

/** The result of one rule. "No evidence" is a fail with that reason, never a pass. */
public enum Outcome {
  PASS, FAIL, NO_EVIDENCE
}
