package io.eoc.cli;

import picocli.CommandLine.Command;

/** {@code eoc bench}: benchmarks that run the real parts on this machine and print JSON results. */
@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = {OutageBenchmark.class, io.eoc.cli.bench.IngestBenchmark.class},
    header = "Run a benchmark on this machine and print its JSON result.",
    description = "Benchmarks run the real transport, Kafka, database and agent; see docs/benchmarks.md.")
public final class BenchCommand implements Runnable {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
