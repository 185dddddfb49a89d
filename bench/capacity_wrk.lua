-- wrk's summary in one line per run: requests/s, p50/p95/p99 (ms), errors and time-outs.
done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status
  io.write(string.format(
    "RESULT rps=%.1f p50=%.1f p95=%.1f p99=%.1f requests=%d errors=%d timeouts=%d\n",
    summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, summary.requests, errors, summary.errors.timeout))
end
