-- Mixed load: 45 % pages of the list, 35 % single initiatives, 15 % creates, 5 % PATCHes with If-Match
-- of initiatives this thread created (each is held out of the pool while its PATCH is in flight, so a
-- 412 here would mean a lost or reordered write, not a race of the script's own making).
dofile(os.getenv("LUA_DIR") .. "/common.lua")
local editable = {}   -- id -> version, initiatives created by this thread and not being patched
local editable_ids = {}

local function take_editable()
  local n = #editable_ids
  if n == 0 then return nil end
  local i = math.random(1, n)
  local id = editable_ids[i]
  editable_ids[i] = editable_ids[n]
  editable_ids[n] = nil
  local version = editable[id]
  editable[id] = nil
  return id, version
end

local function give_back(body)
  local id = body:match('"id"%s*:%s*"([%x%-]+)"')
  local version = body:match('"version"%s*:%s*(%d+)')
  if id and version and editable[id] == nil then
    editable[id] = version
    editable_ids[#editable_ids + 1] = id
  end
end

function request()
  local roll = math.random(1, 100)
  if roll <= 5 then
    local id, version = take_editable()
    if id then
      local headers = { ["Authorization"] = writing["Authorization"], ["Content-Type"] = "application/merge-patch+json",
                        ["If-Match"] = '"' .. version .. '"' }
      return wrk.format("PATCH", "/api/v1/initiatives/" .. id, headers,
                        string.format('{"actualCost":%d}', math.random(1, 100000)))
    end
  end
  if roll <= 20 then return wrk.format("POST", "/api/v1/initiatives", writing, new_initiative()) end
  if roll <= 65 then
    return wrk.format("GET", "/api/v1/initiatives?limit=100&offset=" .. 100 * math.random(0, 99), authorised)
  end
  return wrk.format("GET", "/api/v1/initiatives/" .. random_id(), authorised)
end

local marker = '"code":"' .. (os.getenv("RUN_PREFIX") or "wrk") .. "-"
function response(status, headers, body)
  if count(status) then give_back(body); return end
  -- a PATCH answer is a single record of this run (lists have "items"; reads are of demo ids)
  if status == 200 and body:find(marker, 1, true) and not body:find('"items"', 1, true) then
    updated = updated + 1
    give_back(body)
  end
end
