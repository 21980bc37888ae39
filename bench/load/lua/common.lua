-- Shared by every Lodestar load script: the bearer token, the initiative ids to read, the body of a
-- new initiative, per-thread counts of acknowledged writes, and one RESULT line from done().
--
-- Env: LODESTAR_TOKEN (API token), IDS_FILE (one initiative id a line), RUN_PREFIX (unique per run,
-- so the rows a run created can be counted in the database afterwards).
local token = os.getenv("LODESTAR_TOKEN")
local prefix = os.getenv("RUN_PREFIX") or "wrk"
authorised = { ["Authorization"] = "Bearer " .. token }
writing = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }

ids = {}
local file = os.getenv("IDS_FILE")
if file then for line in io.lines(file) do ids[#ids + 1] = line end end

local threads = {}
function setup(thread)
  -- becomes the global `thread_id` of that thread's own Lua state
  thread:set("thread_id", #threads + 1)
  thread:set("seed", math.random(1, 1e6))
  threads[#threads + 1] = thread
end

-- per thread (each wrk thread has its own Lua state)
created, updated, stale, failed, sequence = 0, 0, 0, 0, 0
function init(args) math.randomseed(seed or 1) end

function random_id() return ids[math.random(1, #ids)] end

-- A valid initiative whose code and name are unique to this run, thread and request.
function new_initiative()
  sequence = sequence + 1
  local code = string.format("%s-%d-%d", prefix, thread_id or 0, sequence)
  return string.format(
    '{"code":"%s","name":"%s load test initiative","description":"created by wrk","kind":"project",' ..
    '"status":"proposed","tier":"standard","currentGate":"idea","capexBudget":%d,"opexBudget":%d,"actualCost":0}',
    code, code, 10000 * math.random(1, 100), 1000 * math.random(1, 100))
end

-- Counts one response; returns true for an acknowledged create.
function count(status)
  if status == 201 then created = created + 1; return true end
  if status == 412 then stale = stale + 1 end
  if status >= 400 then failed = failed + 1 end
  return false
end

function done(summary, latency, requests)
  local total_created, total_updated, total_stale = 0, 0, 0
  for _, thread in ipairs(threads) do
    total_created = total_created + (thread:get("created") or 0)
    total_updated = total_updated + (thread:get("updated") or 0)
    total_stale = total_stale + (thread:get("stale") or 0)
  end
  local secs = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests":%d,"seconds":%.2f,"rps":%.1f,"p50_ms":%.2f,"p90_ms":%.2f,"p99_ms":%.2f,"max_ms":%.2f,"mean_ms":%.2f,' ..
    '"err_connect":%d,"err_read":%d,"err_write":%d,"err_status":%d,"err_timeout":%d,' ..
    '"created":%d,"updated":%d,"stale":%d}\n',
    summary.requests, secs, summary.requests / secs,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, latency.mean / 1000,
    e.connect, e.read, e.write, e.status, e.timeout, total_created, total_updated, total_stale))
end
