-- GET /api/v1/initiatives?limit=100 at a random page of the 10,000-initiative portfolio.
dofile(os.getenv("LUA_DIR") .. "/common.lua")
function request()
  return wrk.format("GET", "/api/v1/initiatives?limit=100&offset=" .. 100 * math.random(0, 99), authorised)
end
