package io.eoc.cli;

import io.eoc.criteria.report.Check;
import io.eoc.criteria.report.ReportVerifier;
import io.eoc.criteria.report.Verification;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code eoc verify}: checks a signed report offline and, with its evidence export, recomputes its figures. */
@Command(name = "verify", mixinStandardHelpOptions = true,
    header = "Verify a signed assessment report offline (and recompute it from its evidence export).",
    description = {"Checks the report's Ed25519 signature and, when the key's fingerprint is pinned, that the cloud's key",
        "signed it. With --evidence it checks that the export is the evidence the report signed (header, section",
        "digests, batch order, missing batches, Merkle subtrees per agent and day, Merkle root) and recomputes the",
        "assessment from the exported evidence, naming every figure that differs. Needs no network and no database.", "",
        "Exit status: 0 when every check holds, 1 when one fails, 2 when a file cannot be read.", "",
        "Example: eoc verify report.json --evidence evidence.jsonl --key-fingerprint 3b1f…"})
public final class VerifyCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "REPORT", description = "The signed report (JSON) written by eoc assess --out.")
  Path report;

  @Option(names = "--evidence", paramLabel = "FILE", description = "The evidence export written by eoc assess --export.")
  Path evidence;

  @Option(names = "--key-fingerprint", paramLabel = "HEX",
      description = "SHA-256 fingerprint of the cloud's report-signing key, as the cloud prints it at start.")
  String fingerprint;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Verification v;
    try {
      String text = Files.readString(report, StandardCharsets.UTF_8);
      if (evidence == null) {
        v = ReportVerifier.verify(text, Optional.empty(), Optional.ofNullable(fingerprint));
      } else {
        try (BufferedReader in = Files.newBufferedReader(evidence, StandardCharsets.UTF_8)) {
          v = ReportVerifier.verify(text, Optional.of(in), Optional.ofNullable(fingerprint));
        }
      }
    } catch (IOException e) {
      spec.commandLine().getErr().println("cannot read " + e.getMessage());
      return 2;
    }
    out.println("verifying " + report + (evidence == null ? "" : " with evidence " + evidence));
    v.checks().forEach(c -> out.println("  " + c));
    long failed = v.failures().size();
    out.println(v.holds() ? "VERIFIED: every check holds"
        : "NOT VERIFIED: " + failed + " check(s) failed" + firstFailure(v));
    out.flush();
    return v.holds() ? 0 : 1;
  }

  private static String firstFailure(Verification v) {
    return v.failures().stream().findFirst().map(Check::message).map(m -> "; first: " + m).orElse("");
  }
}
