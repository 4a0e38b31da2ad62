-- wrk script: POSTs one GraphQL request (the JSON file named by BENCH_BODY) over and over
-- and prints one machine-readable line at the end:
--   RESULT <req/s> <p50 ms> <p99 ms> <requests> <errors>
-- Errors are socket errors, timeouts and non-2xx answers; GraphQL errors in a 200 answer are
-- ruled out beforehand by bench/run, which checks every query once with curl.

local path = os.getenv("BENCH_BODY")
local file = assert(io.open(path, "rb"), "cannot read BENCH_BODY")
local body = file:read("*a")
file:close()

wrk.method = "POST"
wrk.body = body
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json"
local auth = os.getenv("BENCH_AUTH")
if auth and auth ~= "" then
  wrk.headers["Authorization"] = auth
end
-- A signed-in browser instead: its session cookie and its page's origin.
local cookie = os.getenv("BENCH_COOKIE")
if cookie and cookie ~= "" then
  wrk.headers["Cookie"] = cookie
  wrk.headers["Origin"] = os.getenv("BENCH_ORIGIN")
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  local errors = e.connect + e.read + e.write + e.status + e.timeout
  io.write(string.format("RESULT %.1f %.2f %.2f %d %d\n",
    summary.requests / seconds,
    latency:percentile(50) / 1000,
    latency:percentile(99) / 1000,
    summary.requests, errors))
end
