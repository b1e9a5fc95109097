-- wrk script: GET /recommend/<random user in 1..USERS> (USERS from the environment, default 943)
local users = tonumber(os.getenv("USERS") or "943")
math.randomseed(42)
request = function()
  return wrk.format("GET", "/recommend/" .. math.random(1, users))
end
