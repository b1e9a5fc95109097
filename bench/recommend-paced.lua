-- wrk script: as recommend.lua, but each connection waits PACE_MS milliseconds after an answer before it asks
-- again, so the offered load stays below what the cores can serve and the latency is the path's, not the queue's
-- of a saturated CPU (wrk's latency clock starts when a request is written, after the wait).
local users = tonumber(os.getenv("USERS") or "943")
local pace = tonumber(os.getenv("PACE_MS") or "4")
math.randomseed(42)
request = function()
  return wrk.format("GET", "/recommend/" .. math.random(1, users))
end
delay = function()
  return pace
end
