package io.eoc.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Streamed responses over a real server and socket: framing, failures midway, back-pressure. */
class StreamedResponseTest {
  private static final int CHUNK = HttpServer.CHUNK_SIZE;
  private static final byte[] DATA = new byte[5 * CHUNK + 123];
  private final HttpClient http = HttpClient.newHttpClient();
  private final AtomicLong written = new AtomicLong();
  private final AtomicReference<Exception> writerFailure = new AtomicReference<>();
  private final CountDownLatch writerEnded = new CountDownLatch(1);
  private HttpServer server;

  static {
    new Random(42).nextBytes(DATA);
  }

  @BeforeEach
  void start() {
    Router router = new Router()
        .get("/data", (req, g) -> ApiResponse.streamed(200, "application/octet-stream", out -> out.write(DATA)))
        .get("/fails-midway", (req, g) -> ApiResponse.streamed(200, "application/octet-stream", out -> {
          out.write(DATA, 0, 3 * CHUNK + 5);
          throw new IllegalStateException("the database went away");
        }))
        .get("/fails-at-once", (req, g) -> ApiResponse.streamed(200, "application/octet-stream", out -> {
          out.write(DATA, 0, 100);
          throw new IllegalArgumentException("no such rulebook");
        }))
        .get("/endless", (req, g) -> ApiResponse.streamed(200, "application/octet-stream", this::endless));
    server = HttpServer.start("127.0.0.1", 0, router);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private void endless(OutputStream out) throws IOException {
    try {
      while (written.get() < 64L << 20) {
        out.write(DATA, 0, CHUNK);
        written.addAndGet(CHUNK);
      }
    } catch (IOException e) {
      writerFailure.set(e);
      throw e;
    } finally {
      writerEnded.countDown();
    }
  }

  @Test
  void aStreamedBodyArrivesWholeInChunksWithoutContentLength() throws Exception {
    HttpResponse<byte[]> r = http.send(request("/data"), HttpResponse.BodyHandlers.ofByteArray());

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo(DATA);
    String raw = raw("/data");
    String head = raw.substring(0, raw.indexOf("\r\n\r\n")).toLowerCase();
    assertThat(head).startsWith("http/1.1 200 ok").contains("transfer-encoding: chunked")
        .contains("content-type: application/octet-stream").doesNotContain("content-length");
    assertThat(raw).as("chunks of at most 64 KiB, then the terminating chunk")
        .contains("\r\n10000\r\n").endsWith("\r\n0\r\n\r\n");
  }

  @Test
  void aWriterFailingAfterTheHeadWasSentCutsTheTransferShort() throws Exception {
    assertThatThrownBy(() -> http.send(request("/fails-midway"), HttpResponse.BodyHandlers.ofByteArray()))
        .isInstanceOf(IOException.class);
    String raw = raw("/fails-midway");
    assertThat(raw).startsWith("HTTP/1.1 200 OK").doesNotEndWith("\r\n0\r\n\r\n");
  }

  @Test
  void aWriterFailingBeforeAChunkWasSentGetsTheErrorAnswerOfAnyRoute() throws Exception {
    HttpResponse<String> r = http.send(request("/fails-at-once"), HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.headers().firstValue("content-length")).isPresent();
    assertThat(r.body()).contains("no such rulebook");
    assertThat(http.send(request("/data"), HttpResponse.BodyHandlers.ofByteArray()).body())
        .as("the connection serves the next request").isEqualTo(DATA);
  }

  @Test
  void aClientThatReadsNothingHoldsTheWriterBackAndItsLeavingStopsIt() throws Exception {
    try (Socket s = new Socket()) {
      s.setReceiveBufferSize(CHUNK);
      s.connect(new java.net.InetSocketAddress("127.0.0.1", server.port()));
      s.getOutputStream().write("GET /endless HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().flush();

      assertThat(writerEnded.await(1, TimeUnit.SECONDS)).as("the writer waits for the client").isFalse();
      assertThat(written.get()).as("what the socket buffers hold, not the 64 MiB asked").isLessThan(32L << 20);
    }
    assertThat(writerEnded.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(writerFailure.get()).isInstanceOf(IOException.class);
  }

  @Test
  void aHeadRequestGetsTheHeadWithoutRunningTheWriter() throws Exception {
    HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(url("/endless"))).method("HEAD",
        HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(written.get()).isZero();
  }

  private String url(String path) {
    return "http://127.0.0.1:" + server.port() + path;
  }

  private HttpRequest request(String path) {
    return HttpRequest.newBuilder(URI.create(url(path))).build();
  }

  /** The whole response as the socket gives it, until the server closes. */
  private String raw(String path) throws IOException {
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      InputStream in = s.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      in.transferTo(all);
      return all.toString(StandardCharsets.ISO_8859_1);
    }
  }
}
