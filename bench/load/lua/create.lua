-- POST /api/v1/initiatives with a valid, unique body per request; counts the 201s.
dofile(os.getenv("LUA_DIR") .. "/common.lua")
function request() return wrk.format("POST", "/api/v1/initiatives", writing, new_initiative()) end
function response(status, headers, body) count(status) end
