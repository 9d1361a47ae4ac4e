-- wrk script for the sample gateway: POST with the X-User header; at the end one JSON line with the counts,
-- errors and latency percentiles (microseconds) that benchmarks/report.py reads.
wrk.method = "POST"
wrk.headers["X-User"] = "alice"

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK_RESULT {"requests":%d,"duration_us":%d,"bytes":%d,"errors_connect":%d,"errors_read":%d,' ..
    '"errors_write":%d,"errors_timeout":%d,"non_2xx_3xx":%d,"latency_mean_us":%.1f,"latency_p50_us":%d,' ..
    '"latency_p90_us":%d,"latency_p99_us":%d,"latency_max_us":%d}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.timeout, e.status,
    latency.mean, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
