package dev.passoff.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Times tool calls over stdio with one request in flight, writing and reading raw JSON-RPC lines so
 * that the client adds as little as possible: {@code StdioLatency <launcher> <db> [calls]}. It
 * complements bench/whole_process.py, whose Python client adds its own JSON work to each call.
 */
public final class StdioLatency {
  private static final String[][] CALLS = {
    {
      "list_10",
      "{\"name\":\"passoff_list\",\"arguments\":{\"project\":\"" + BenchDatabase.PROJECT + "\"}}"
    },
    {"load_latest_all", "{\"name\":\"passoff_load\",\"arguments\":{\"latest\":true}}"},
  };

  private StdioLatency() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    int calls = args.length > 2 ? Integer.parseInt(args[2]) : 3000;
    ProcessBuilder pb = new ProcessBuilder(args[0], "serve");
    pb.environment().put("PASSOFF_DB_PATH", args[1]);
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process server = pb.start();
    BufferedReader in =
        new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
    Writer out = new OutputStreamWriter(server.getOutputStream(), StandardCharsets.UTF_8);
    out.write(
        "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
            + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"bench\",\"version\":"
            + "\"1\"}}}\n");
    out.flush();
    in.readLine();
    long id = 0;
    StringBuilder report = new StringBuilder();
    for (String[] call : CALLS) {
      long[] nanos = new long[calls];
      for (int i = 0; i < calls; i++) {
        long start = System.nanoTime();
        out.write(
            "{\"jsonrpc\":\"2.0\",\"id\":"
                + (++id)
                + ",\"method\":\"tools/call\",\"params\":"
                + call[1]
                + "}\n");
        out.flush();
        in.readLine();
        nanos[i] = System.nanoTime() - start;
      }
      // The first third warms the server's JIT up; the rest is measured.
      long[] measured = Arrays.copyOfRange(nanos, calls / 3, calls);
      Arrays.sort(measured);
      report.append(
          String.format(
              "%s p50 %.3f ms p99 %.3f ms%n",
              call[0],
              measured[measured.length / 2] / 1e6,
              measured[(int) (measured.length * 0.99)] / 1e6));
    }
    out.close();
    server.waitFor();
    // A benchmark tool's report is its output; it is not part of any artifact.
    System.out.print(report);
  }
}
