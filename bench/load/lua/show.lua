-- GET /api/v1/initiatives/ID with ID drawn per request from IDS_FILE.
dofile(os.getenv("LUA_DIR") .. "/common.lua")
function request() return wrk.format("GET", "/api/v1/initiatives/" .. random_id(), authorised) end
