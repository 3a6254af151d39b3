package io.eoc.edge.interop;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A protocol peer written by others (pymodbus, node-opcua, mosquitto), run as a child process on
 * 127.0.0.1. Ready once its port accepts a connection; closing kills it and its children, also
 * when the test failed. Output goes to a log under {@code target/interop}, shown when it dies early.
 */
final class ExternalPeer implements AutoCloseable {
  private final String name;
  private final Process process;
  private final Path log;

  private ExternalPeer(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /** Starts {@code command} and waits up to {@code bound} until {@code port} accepts connections. */
  static ExternalPeer start(String name, List<String> command, int port, Duration bound) throws IOException {
    Path dir = Files.createDirectories(Path.of("target", "interop"));
    Path log = dir.resolve(name + "-" + port + ".log");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    ExternalPeer peer = new ExternalPeer(name, process, log);
    try {
      peer.awaitPort(port, bound);
      return peer;
    } catch (IOException | RuntimeException | Error e) {
      peer.close();
      throw e;
    }
  }

  private void awaitPort(int port, Duration bound) throws IOException {
    long deadline = System.nanoTime() + bound.toNanos();
    while (true) {
      if (!process.isAlive()) {
        throw new IOException(name + " exited with " + process.exitValue() + " before listening on " + port + ":\n" + output());
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        return;
      } catch (IOException notYet) {
        if (System.nanoTime() > deadline) {
          throw new IOException(name + " did not listen on " + port + " within " + bound + ":\n" + output());
        }
        LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
      }
    }
  }

  /** What the peer printed so far. */
  String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** A port that was free a moment ago on the loopback interface. */
  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
